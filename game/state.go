package game

// State is what the app tells the outside world about itself: the page
// (window.bonemusic.state in the browser), the end-to-end test and the
// native window test read it. Plain values only, so it copies cheaply.
type State struct {
	Frames       int64   // Draw calls so far
	Ticks        int64   // Update calls so far
	TPS          float64 // measured updates per second
	FPS          float64 // measured frames per second
	Scene        string  // "intro" until the first tap, then "turntable"
	DiscAngleDeg float64 // current rotation of the record, degrees, grows while it spins
	TurnedSec    float64 // how long the record has been turning, seconds of game time
	AudioReady   bool    // the audio device is open (in a browser: unlocked by a gesture)
	AudioPlaying bool    // a player is running
	AudioMS      float64 // playback position of the current player, milliseconds
	Plays        int     // finished plays of the record on the deck (each wore it)
	GrooveSample int     // groove sample under the stylus
	Notice       string  // what the visitor is told about a problem ("" when all is well)
	Lang         string  // "en" or "ru"
}
