package game

// State is what the app tells the outside world about itself, the one source
// of truth for it: the browser page reads it as window.bonemusic.state (its
// keys are the json tags, published by publish_js.go), the end-to-end test
// decodes it into this type, the native window test gets it from RunGame.
type State struct {
	Frames       int64    `json:"frames"`       // Draw calls so far
	Ticks        int64    `json:"ticks"`        // Update calls so far
	TPS          float64  `json:"tps"`          // measured updates per second
	FPS          float64  `json:"fps"`          // measured frames per second
	Scene        string   `json:"scene"`        // lightbox, film, sound, cut, turntable or lathe
	DiscAngleDeg float64  `json:"discAngleDeg"` // rotation of the record on the platter, degrees, grows while it turns
	TurnedSec    float64  `json:"turnedSec"`    // the turntable's clock, seconds
	PlatterRPM   float64  `json:"platterRPM"`   // how fast the platter turns now (its motor has inertia)
	AudioReady   bool     `json:"audioReady"`   // the audio device is open (in a browser: unlocked by a gesture)
	AudioPlaying bool     `json:"audioPlaying"` // sound is coming out: a needle in the groove or the lathe's monitor
	AudioMS      float64  `json:"audioMS"`      // how much the audio device has played, milliseconds
	Arm          string   `json:"arm"`          // the tonearm: rest, swinging, lowering, playing, raising, returning
	ArmRadiusMM  float64  `json:"armRadiusMM"`  // where the needle is over the record
	Plays        int      `json:"plays"`        // plays of the record on the platter so far (each wore it)
	GrooveSample int      `json:"grooveSample"` // groove sample under the needle
	FidelityDB   float64  `json:"fidelityDB"`   // the last play's fidelity (0 before the first play)
	Skips        int      `json:"skips"`        // the last play's skips
	Film         string   `json:"film"`         // the film of the visitor's record
	Source       string   `json:"source"`       // what is being cut: mic, file, demo:<tune>
	Pickup       string   `json:"pickup"`       // steel, crystal or magnetic
	RPM          float64  `json:"rpm"`          // the turntable speed chosen
	RecordedSec  float64  `json:"recordedSec"`  // sound ready to cut, seconds
	CapacitySec  float64  `json:"capacitySec"`  // what the side holds, seconds
	CutProgress  float64  `json:"cutProgress"`  // 0–1 while cutting; 1 once cut
	AgeProgress  float64  `json:"ageProgress"`  // 0–1 while ageing ten plays
	Busy         string   `json:"busy"`         // work under way that the visitor waits for ("" when none)
	Exported     string   `json:"exported"`     // the name of the last file exported
	Buttons      []Button `json:"buttons"`      // every visible control, CSS pixels of the page
	Scale        float64  `json:"scale"`        // screen pixels per CSS pixel
	Notice       string   `json:"notice"`       // what the visitor is told about a problem ("" when all is well)
	Lang         string   `json:"lang"`         // "en" or "ru"
	Collection   int      `json:"collection"`   // records saved on the shelf
	Kiosk        bool     `json:"kiosk"`        // a museum's unattended machine
	Help         bool     `json:"help"`         // the help is open
	Say          string   `json:"say"`          // what a screen reader announces: the notice, else what the screen shows
	Calm         bool     `json:"calm"`         // the visitor asked for reduced motion
	RecordX      float64  `json:"recordX"`      // the visitor's record on the turntable: centre and radius, CSS pixels
	RecordY      float64  `json:"recordY"`
	RecordR      float64  `json:"recordR"`
	ArmX         float64  `json:"armX"` // the tonearm's head (the needle), CSS pixels: take it there to carry the arm
	ArmY         float64  `json:"armY"`

	// The lathe scene: cutting the record on a machine.
	LatheMachine  string  `json:"latheMachine"`  // sim, serial or midi
	LathePhase    string  `json:"lathePhase"`    // connecting, preparing, cutting, finished, stopped ("" before a cut)
	LatheDone     int     `json:"latheDone"`     // plan steps the machine accepted
	LatheTotal    int     `json:"latheTotal"`    // of all
	LatheState    string  `json:"latheState"`    // the machine's own state: Idle, Run, Hold:0, Alarm …
	LatheLine     string  `json:"latheLine"`     // the latest step accepted (a G-code line, a MIDI message in words)
	LatheRadiusMM float64 `json:"latheRadiusMM"` // the cutter's radius on the disc
	LatheLevel    float64 `json:"latheLevel"`    // the cutter drive's level, 0–1
}

// Button is one visible control, where a visitor (or a test) taps it: its
// stable id (own, film:chest, play …) and its box in CSS pixels of the page.
type Button struct {
	ID string  `json:"id"`
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
	W  float64 `json:"w"`
	H  float64 `json:"h"`
}
