package game

import "strings"

// text holds every string the visitor reads, per language. Historical
// statements must stay within ../shared/DESIGN.md's facts.
type text struct {
	Title, Tagline, Tap, NowPlaying, NoSound, AudioLocked string
	Preparing, RecordFailed                               string
	PlayN                                                 string // fmt verb: the play number
}

var texts = map[string]text{
	"en": {
		Title:        "Bone Music",
		Tagline:      "Records cut on X-ray film · USSR, 1946–1964",
		Tap:          "Tap to play the record",
		NowPlaying:   "Boogie-woogie, synthesised and cut on a chest X-ray · 78 rpm",
		NoSound:      "No sound device found: the record turns silently.",
		AudioLocked:  "Tap again to let the browser play sound.",
		Preparing:    "Cutting the record…",
		RecordFailed: "The record could not be made: ",
		PlayN:        "Play %d · crystal pickup · every play wears the groove",
	},
	"ru": {
		Title:        "Музыка на костях",
		Tagline:      "Пластинки на рентгеновской плёнке · СССР, 1946–1964",
		Tap:          "Нажмите, чтобы послушать пластинку",
		NowPlaying:   "Буги-вуги, синтезировано и записано на снимок грудной клетки · 78 об/мин",
		NoSound:      "Звуковое устройство не найдено: пластинка крутится без звука.",
		AudioLocked:  "Нажмите ещё раз, чтобы браузер включил звук.",
		Preparing:    "Записываем пластинку…",
		RecordFailed: "Не удалось сделать пластинку: ",
		PlayN:        "Проигрывание %d · пьезозвукосниматель · каждое проигрывание стирает канавку",
	},
}

// langFor maps a locale such as "ru-RU" or "ru_RU.UTF-8" to a language we
// have; everything else is English.
func langFor(locale string) string {
	if strings.HasPrefix(strings.ToLower(locale), "ru") {
		return "ru"
	}
	return "en"
}
