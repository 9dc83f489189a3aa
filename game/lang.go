package game

import "strings"

// text holds every string the visitor reads, per language. Historical
// statements stay within the facts in docs/history.md.
type text struct {
	Title, Tagline, Tap, NowPlaying, NoSound, AudioLocked string
	TapToHear                                             string // the exhibition page started a play before the visitor's first tap
	Preparing, RecordFailed                               string
	PlayN                                                 string // fmt verbs: play number, pickup

	Back, Own, OpenBone string

	FilmTitle, FilmHint, AnotherFilm, Scissors, Burning string
	Films                                               map[string]string

	SoundTitle, Mic, File, Record, Stop, CutFast, CutLive string
	Tunes                                                 map[string]string
	Side                                                  string // fmt: recorded, capacity
	DropHint, MicHint, Recording, TooLong, Decoding       string
	MicDenied, MicNotHere, MicMissing, NoPicker           string

	// What is wrong with a file the visitor brought (fileproblem.go); the
	// first verb is always the file's name.
	FileEmpty, FileTooBig, FileTooLong, FileNotSound, FileDamaged, FileRate string
	LetterTooNew, LetterDamaged, FileUnreadable                             string

	CuttingFast, CuttingLive, OneCut string

	Pickups                              map[string]string
	Play, Lift, Age, Ageing, NewRecord   string
	CueUp, CueDown                       string
	ExportWAV, ExportPNG, ExportBone     string
	Saved, Downloaded, Fidelity, Skips   string
	Needle                               string // fmt: the flat a steel needle wore, µm
	OneSkip                              string
	Saving                               string
	Unlistenable, Fresh, Worn, LetterNew string

	Save, Shelf, ShelfTitle, ShelfEmpty, ShelfHint, OnShelf string
	Rename, Delete, Undo, Deleted, RenameHint, Untitled     string
	ShelfCard, ShelfMore, ShelfLess                         string

	Learn, Microscope, Next, Prev, Help string
	LearnTitles, LearnTexts             [learnPages]string
	HelpText, KioskNoFiles              string

	ToLathe, LatheTitle, LatheHint, LatheStart, LatheStop string
	LatheSteps                                            string // fmt: done, total
	LatheNoPort, LatheStopped, LatheFinished              string
	Machines, LathePhases                                 map[string]string
}

var texts = map[string]text{
	"en": {
		Title:        "Bone Music",
		Tagline:      "Records cut on X-ray film · USSR, 1946–1964",
		Tap:          "Tap to play the record",
		NowPlaying:   "Boogie-woogie, synthesised and cut on a chest X-ray · 78 rpm",
		NoSound:      "No sound device found: the record turns silently.",
		AudioLocked:  "Tap again to let the browser play sound.",
		TapToHear:    "Tap to hear the record: the browser plays sound only after a tap.",
		Preparing:    "Cutting the record…",
		RecordFailed: "The record could not be made: ",
		PlayN:        "Play %d · %s · every play wears the groove",

		Back:     "‹ Back",
		Own:      "Cut your own record",
		OpenBone: "Open an audio letter",

		FilmTitle:   "Choose the X-ray to cut your record from",
		FilmHint:    "Chest scans from TB screening were the commonest film, then skulls and hands.",
		AnotherFilm: "Another one",
		Scissors:    "Cutting the disc out with scissors…",
		Burning:     "Burning the centre hole with a cigarette…",
		Films: map[string]string{"chest": "Chest", "skull": "Skull", "hands": "Hand",
			"spine": "Spine", "pelvis": "Pelvis", "knee": "Knee"},

		SoundTitle: "What will you cut?",
		Mic:        "Microphone",
		File:       "A sound file",
		Record:     "● Record",
		Stop:       "■ Stop",
		CutFast:    "Cut it fast",
		CutLive:    "Cut it live",
		Tunes: map[string]string{"boogie": "Boogie-woogie", "waltz": "Waltz",
			"march": "March", "letter": "Audio letter"},
		Side:       "%s of %s on this side",
		DropHint:   "Or drop a WAV, MP3 or Ogg file onto the page.",
		MicHint:    "Speak, sing or play close to the microphone.",
		Recording:  "Recording…",
		TooLong:    "The sound is %s long; the side holds %s: its first %s will be cut.",
		Decoding:   "Reading the sound…",
		MicDenied:  "The microphone is blocked. Allow it in the browser's site settings (the icon beside the address), then tap Microphone again.",
		MicNotHere: "This page does not let Bone Music use the microphone (site settings cannot change that). Choose a file or a tune instead.",
		MicMissing: "No microphone was found. Plug one in and tap Microphone again, or choose a file or a tune.",
		NoPicker:   "Drop the file onto this window, or start Bone Music with the file: bonemusic FILE",

		FileEmpty:      "“%s” is empty: there is no sound in it. Choose another file, or record with the microphone.",
		FileTooBig:     "“%s” is over %d MB: trim the sound, or save it as MP3 or Ogg, and bring it again.",
		FileTooLong:    "“%s” is too long: a side holds about 3 minutes. Trim it to under 15 minutes and bring it again.",
		FileNotSound:   "“%s” is not a sound Bone Music can read: choose a WAV, MP3 or Ogg Vorbis file, or an audio letter (.bone).",
		FileRate:       "“%s” has a sample rate of %d Hz, which Bone Music cannot read: convert the sound to 8–192 kHz in your sound program and bring it again.",
		FileDamaged:    "“%s” is damaged and cannot be read: save it again as WAV from your sound program, or choose another file.",
		LetterTooNew:   "“%s” was made by a newer Bone Music: update the app (in a browser, reload the page) to open it.",
		LetterDamaged:  "“%s” is a damaged audio letter: ask its sender for the .bone file again.",
		FileUnreadable: "“%s” could not be opened: %v",

		CuttingFast: "Cutting the groove…",
		CuttingLive: "Cutting live: the cutter head follows your sound",
		OneCut:      "The lathe is cutting: bring the next sound when this record is done.",

		Pickups: map[string]string{"steel": "Gramophone, steel needle", "crystal": "Crystal pickup",
			"magnetic": "Magnetic cartridge"},
		Play:         "▶ Play",
		Lift:         "Lift the needle",
		CueUp:        "Cue ↑ (pause)",
		CueDown:      "Cue ↓ (lower here)",
		Age:          "Age it: 10 plays",
		Ageing:       "Ageing: play %d of %d…",
		NewRecord:    "New record",
		ExportWAV:    "This play (WAV)",
		ExportPNG:    "Picture (PNG)",
		ExportBone:   "Audio letter (.bone)",
		Saved:        "Saved: %s",
		Saving:       "Saving…",
		Downloaded:   "Downloaded: %s",
		Fidelity:     "Play %d · fidelity %.1f dB",
		Skips:        " · %d skips",
		OneSkip:      " · 1 skip",
		Needle:       " · the steel needle wore a %.0f µm flat",
		Unlistenable: "The groove has given out: the record is unlistenable.",
		Fresh:        "Fresh disc: play it and hear it wear.",
		Worn:         "Worn, play by play",
		LetterNew:    "An audio letter with %d plays on it.",

		Save:       "Save to shelf",
		Shelf:      "Shelf",
		ShelfTitle: "Your records on the shelf: %d",
		ShelfEmpty: "The shelf is empty: cut a record, play it and save it, or open an audio letter.",
		ShelfHint:  "Tap a record to choose it, tap it again to play it.",
		OnShelf:    "On the shelf: %s",
		Rename:     "Rename",
		Delete:     "Delete",
		Undo:       "Undo",
		Deleted:    "Deleted “%s”: Undo brings it back.",
		RenameHint: "Type the new title, then Enter to keep it or Esc to cancel: ",
		Untitled:   "Untitled record",
		ShelfCard:  "%d plays · worn %d%%",
		ShelfMore:  "More ›",
		ShelfLess:  "‹ Earlier",

		Learn:      "Learn",
		Microscope: "Microscope",
		Next:       "Next ›",
		Prev:       "‹ Previous",
		Help:       "?",
		LearnTitles: [learnPages]string{
			"Music on the bones",
			"Scissors and a cigarette",
			"Why they wore out",
			"Letters, then and now",
		},
		LearnTexts: [learnPages]string{
			"In the USSR of 1946–1964, bootleggers copied banned music — jazz, rock'n'roll, songs of émigré singers — onto discarded hospital X-ray film, with home-made recording lathes. People called it roentgenizdat, and the records “music on the bones” or “on the ribs”. Chest and rib scans from tuberculosis screening were the commonest film, then skulls and hands.",
			"A disc was cut out of the film sheet with scissors, 23–25 cm across, with jagged edges. The centre hole was burned with a cigarette, usually off-centre, so the pitch wobbles as the record turns. Each disc had one side, held about three minutes at 78 rpm and cost about a rouble.",
			"Film is softer than a shellac record, so the grooves were shallow and wore fast. By the accounts of the time, a steel gramophone needle destroyed a disc in a handful of plays; an electric pickup got thirty to forty. The microscope shows this record's groove as it was cut and as it is now.",
			"In 1946 Stanislav Filon opened an “Audio Letters” shop in Leningrad, where people recorded a spoken message on a disc and mailed it. Today the X-Ray Audio project cuts live music onto X-ray film in front of audiences and plays it straight back. The chart shows how this record has worn, play by play.",
		},
		KioskNoFiles: "Files cannot be opened on this exhibition machine: cut a record with the microphone or a tune.",
		HelpText:     "Keys: Space plays or pauses · ← → move the tonearm · hold G with ← → to scratch · R record · C cut · S save to the shelf · L language · Tab moves between buttons, Enter presses · Esc goes back. With a mouse or a finger: drag the record to scratch it, drag the tonearm's head to put the needle anywhere.",

		ToLathe:       "Cut on a lathe",
		LatheTitle:    "Cut this record on a lathe",
		LatheHint:     "The simulated lathe runs here; a real one connects by USB (grbl) or MIDI.",
		LatheStart:    "Start the cut",
		LatheStop:     "■ STOP",
		LatheSteps:    "step %d of %d",
		LatheNoPort:   "No lathe is plugged in: connect it by USB, or choose the simulated lathe.",
		LatheStopped:  "The lathe stopped: ",
		LatheFinished: "The lathe has cut the record: cutter up, platter stopped.",
		Machines:      map[string]string{"sim": "Simulated", "serial": "Serial (grbl)", "midi": "MIDI"},
		LathePhases: map[string]string{"connecting": "Connecting to the lathe…", "preparing": "The platter spins up, the cutter drops",
			"cutting": "Cutting", "finished": "Finished", "stopped": "Stopped"},
	},
	"ru": {
		Title:        "Музыка на костях",
		Tagline:      "Пластинки на рентгеновской плёнке · СССР, 1946–1964",
		Tap:          "Нажмите, чтобы послушать пластинку",
		NowPlaying:   "Буги-вуги, синтезировано и записано на снимок грудной клетки · 78 об/мин",
		NoSound:      "Звуковое устройство не найдено: пластинка крутится без звука.",
		AudioLocked:  "Нажмите ещё раз, чтобы браузер включил звук.",
		TapToHear:    "Нажмите, чтобы услышать пластинку: браузер включает звук только после нажатия.",
		Preparing:    "Записываем пластинку…",
		RecordFailed: "Не удалось сделать пластинку: ",
		PlayN:        "Проигрывание %d · %s · каждое проигрывание стирает канавку",

		Back:     "‹ Назад",
		Own:      "Записать свою пластинку",
		OpenBone: "Открыть звуковое письмо",

		FilmTitle:   "Выберите снимок для своей пластинки",
		FilmHint:    "Чаще всего шли снимки грудной клетки с флюорографии, затем черепа и кисти.",
		AnotherFilm: "Другой снимок",
		Scissors:    "Вырезаем диск ножницами…",
		Burning:     "Прожигаем отверстие папиросой…",
		Films: map[string]string{"chest": "Грудь", "skull": "Череп", "hands": "Кисть",
			"spine": "Позвоночник", "pelvis": "Таз", "knee": "Колено"},

		SoundTitle: "Что запишем?",
		Mic:        "Микрофон",
		File:       "Звуковой файл",
		Record:     "● Запись",
		Stop:       "■ Стоп",
		CutFast:    "Записать быстро",
		CutLive:    "Записать вживую",
		Tunes: map[string]string{"boogie": "Буги-вуги", "waltz": "Вальс",
			"march": "Марш", "letter": "Звуковое письмо"},
		Side:       "%s из %s на этой стороне",
		DropHint:   "Или перетащите на страницу файл WAV, MP3 или Ogg.",
		MicHint:    "Говорите, пойте или играйте поближе к микрофону.",
		Recording:  "Идёт запись…",
		TooLong:    "Звук длится %s, а сторона вмещает %s: будут записаны первые %s.",
		Decoding:   "Читаем звук…",
		MicDenied:  "Микрофон заблокирован. Разрешите его в настройках сайта (значок рядом с адресом) и снова нажмите «Микрофон».",
		MicNotHere: "Эта страница не разрешает Bone Music пользоваться микрофоном (настройки сайта тут не помогут). Выберите файл или мелодию.",
		MicMissing: "Микрофон не найден. Подключите его и снова нажмите «Микрофон» или выберите файл или мелодию.",
		NoPicker:   "Перетащите файл в это окно или запустите программу с файлом: bonemusic ФАЙЛ",

		FileEmpty:      "«%s» пуст: в нём нет звука. Выберите другой файл или запишите звук с микрофона.",
		FileTooBig:     "«%s» больше %d МБ: укоротите звук или сохраните его в MP3 или Ogg и принесите снова.",
		FileTooLong:    "«%s» слишком длинный: сторона вмещает около 3 минут. Укоротите его до 15 минут и принесите снова.",
		FileNotSound:   "«%s» — не звук, который умеет читать программа: выберите файл WAV, MP3 или Ogg Vorbis или звуковое письмо (.bone).",
		FileRate:       "У «%s» частота дискретизации %d Гц, её Bone Music не читает: переведите звук в 8–192 кГц в звуковой программе и принесите снова.",
		FileDamaged:    "«%s» повреждён и не читается: сохраните его заново в WAV в звуковой программе или выберите другой файл.",
		LetterTooNew:   "«%s» сделан более новой версией программы: обновите её (в браузере — перезагрузите страницу), чтобы открыть письмо.",
		LetterDamaged:  "«%s» — повреждённое звуковое письмо: попросите отправителя прислать файл .bone ещё раз.",
		FileUnreadable: "Не удалось открыть «%s»: %v",

		CuttingFast: "Нарезаем канавку…",
		CuttingLive: "Запись вживую: резец следует за вашим звуком",
		OneCut:      "Станок занят: принесите следующий звук, когда эта пластинка будет готова.",

		Pickups: map[string]string{"steel": "Граммофон, стальная игла", "crystal": "Пьезозвукосниматель",
			"magnetic": "Магнитная головка"},
		Play:         "▶ Играть",
		Lift:         "Поднять иглу",
		CueUp:        "Микролифт ↑ (пауза)",
		CueDown:      "Микролифт ↓ (опустить)",
		Age:          "Состарить: 10 раз",
		Ageing:       "Старим: проигрывание %d из %d…",
		NewRecord:    "Новая пластинка",
		ExportWAV:    "Это проигрывание (WAV)",
		ExportPNG:    "Картинка (PNG)",
		ExportBone:   "Звуковое письмо (.bone)",
		Saved:        "Сохранено: %s",
		Saving:       "Сохраняем…",
		Downloaded:   "Загружено: %s",
		Fidelity:     "Проигрывание %d · верность %.1f дБ",
		Skips:        " · перескоков: %d",
		OneSkip:      " · перескоков: 1",
		Needle:       " · стальная игла стёрлась до площадки %.0f мкм",
		Unlistenable: "Канавка стёрта: пластинку больше нельзя слушать.",
		Fresh:        "Свежая пластинка: сыграйте её и услышьте, как она стирается.",
		Worn:         "Износ от проигрывания к проигрыванию",
		LetterNew:    "Звуковое письмо, проиграно %d раз.",

		Save:       "На полку",
		Shelf:      "Полка",
		ShelfTitle: "Ваши пластинки на полке: %d",
		ShelfEmpty: "Полка пуста: запишите пластинку, сыграйте и сохраните её или откройте звуковое письмо.",
		ShelfHint:  "Нажмите на пластинку, чтобы выбрать её, и ещё раз, чтобы сыграть.",
		OnShelf:    "На полке: %s",
		Rename:     "Переименовать",
		Delete:     "Удалить",
		Undo:       "Вернуть",
		Deleted:    "Удалено «%s»: «Вернуть» поставит пластинку обратно.",
		RenameHint: "Напечатайте новое название, Enter — сохранить, Esc — отменить: ",
		Untitled:   "Пластинка без названия",
		ShelfCard:  "проиграно %d · износ %d%%",
		ShelfMore:  "Дальше ›",
		ShelfLess:  "‹ Назад по полке",

		Learn:      "Узнать",
		Microscope: "Микроскоп",
		Next:       "Дальше ›",
		Prev:       "‹ Раньше",
		Help:       "?",
		LearnTitles: [learnPages]string{
			"Музыка на костях",
			"Ножницы и папироса",
			"Почему они стирались",
			"Письма, тогда и сейчас",
		},
		LearnTexts: [learnPages]string{
			"В СССР в 1946–1964 годах запрещённую музыку — джаз, рок-н-ролл, песни эмигрантов — переписывали на списанную больничную рентгеновскую плёнку на самодельных звукозаписывающих станках. Это называли рентгениздатом, а пластинки — «музыкой на костях» или «на рёбрах». Чаще всего шли снимки грудной клетки с флюорографии, затем черепа и кисти.",
			"Диск вырезали из листа плёнки ножницами, 23–25 см в поперечнике, с неровным краем. Отверстие в центре прожигали папиросой, обычно не по центру, поэтому звук «плывёт», пока пластинка вращается. Пластинка была односторонней, вмещала около трёх минут на 78 об/мин и стоила около рубля.",
			"Плёнка мягче шеллачной пластинки, поэтому канавки были неглубокими и быстро стирались. По рассказам того времени, стальная игла граммофона губила пластинку за несколько проигрываний, электрический звукосниматель выдерживал тридцать–сорок. Микроскоп показывает канавку этой пластинки такой, какой её нарезали, и такой, какая она сейчас.",
			"В 1946 году Станислав Филон открыл в Ленинграде мастерскую «Звуковые письма»: там записывали на диск устное послание и отправляли его по почте. Сегодня проект X-Ray Audio нарезает живую музыку на рентгеновскую плёнку при публике и тут же её проигрывает. График показывает, как эта пластинка стиралась от проигрывания к проигрыванию.",
		},
		KioskNoFiles: "На этом выставочном компьютере файлы не открываются: запишите пластинку с микрофона или выберите мелодию.",
		HelpText:     "Клавиши: пробел — играть или пауза · ← → двигают тонарм · G вместе с ← → — скретч · R запись · C нарезка · S на полку · L язык · Tab — по кнопкам, Enter — нажать · Esc — назад. Мышью или пальцем: тяните пластинку, чтобы сделать скретч, тяните головку тонарма, чтобы опустить иглу в любом месте.",

		ToLathe:       "Нарезать на станке",
		LatheTitle:    "Нарезать эту пластинку на станке",
		LatheHint:     "Здесь работает модель станка; настоящий подключается по USB (grbl) или MIDI.",
		LatheStart:    "Начать нарезку",
		LatheStop:     "■ СТОП",
		LatheSteps:    "шаг %d из %d",
		LatheNoPort:   "Станок не подключён: подключите его по USB или выберите модель станка.",
		LatheStopped:  "Станок остановлен: ",
		LatheFinished: "Станок нарезал пластинку: резец поднят, диск остановлен.",
		Machines:      map[string]string{"sim": "Модель", "serial": "Порт (grbl)", "midi": "MIDI"},
		LathePhases: map[string]string{"connecting": "Подключаемся к станку…", "preparing": "Диск разгоняется, резец опускается",
			"cutting": "Нарезка", "finished": "Готово", "stopped": "Остановлено"},
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
