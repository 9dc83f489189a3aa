package render

import "fmt"

// Text labels for English ("en") and Russian ("ru"). Anything else falls
// back to English, so a new UI language never breaks a chart.
type labels struct {
	fidelityTitle, playAxis, fidelityAxis, unlistenable string
	spectrumTitle, freqAxis, levelAxis, fresh, latest   string
	asCut, scaleUnit, noPlays                           string
	afterPlays                                          func(n int) string
}

func labelsFor(lang string) labels {
	if lang == "ru" {
		return labels{
			fidelityTitle: "Верность звучания после каждого проигрывания",
			playAxis:      "проигрывание №",
			fidelityAxis:  "сигнал / (шум + искажения), дБ",
			unlistenable:  "слушать уже невозможно",
			spectrumTitle: "Спектр: новая пластинка и последнее проигрывание",
			freqAxis:      "частота, Гц",
			levelAxis:     "уровень, дБ",
			fresh:         "новая",
			latest:        "последнее проигрывание",
			asCut:         "сразу после записи",
			scaleUnit:     "мкм",
			noPlays:       "ещё не проигрывалась",
			afterPlays:    func(n int) string { return fmt.Sprintf("после %d %s", n, ruPlays(n)) },
		}
	}
	return labels{
		fidelityTitle: "Fidelity after each play",
		playAxis:      "play no.",
		fidelityAxis:  "signal / (noise + distortion), dB",
		unlistenable:  "unlistenable",
		spectrumTitle: "Spectrum: fresh disc and latest play",
		freqAxis:      "frequency, Hz",
		levelAxis:     "level, dB",
		fresh:         "fresh",
		latest:        "latest play",
		asCut:         "as cut",
		scaleUnit:     "µm",
		noPlays:       "not played yet",
		afterPlays: func(n int) string {
			if n == 1 {
				return "after 1 play"
			}
			return fmt.Sprintf("after %d plays", n)
		},
	}
}

// ruPlays is "проигрывание" in the genitive after "после N": singular
// after 1, 21, 31 … (but not 11), plural otherwise.
func ruPlays(n int) string {
	if n%10 == 1 && n%100 != 11 {
		return "проигрывания"
	}
	return "проигрываний"
}
