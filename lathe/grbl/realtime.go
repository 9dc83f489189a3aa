package grbl

// Realtime commands: single bytes grbl acts on the moment they arrive,
// outside the line buffer and its flow control.
const (
	StatusQuery byte = '?'  // answer one status report
	FeedHold    byte = '!'  // decelerate to a stop, keep position (resume with CycleStart)
	CycleStart  byte = '~'  // resume after a feed hold
	SoftReset   byte = 0x18 // Ctrl-X: stop at once, clear the buffers, print the banner
	SafetyDoor  byte = 0x84 // as if the door opened: hold, then spindle (the cutter) off
)

// Limits of the receive side.
const (
	RxBufferBytes = 128 // grbl's serial receive buffer ([OPT:…,128])
	MaxLineBytes  = 80  // longest line grbl accepts, newline included
)
