package grbl

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Device is a simulated grbl 1.1 machine, for tests and demonstrations: it
// speaks the protocol over any io.ReadWriter as a real board does — banner,
// a 128-byte receive buffer that a careless sender can overflow, one ok or
// error per line in order, realtime bytes acted on at once, status reports,
// soft limits that raise an alarm, and motion that takes time (scaled by
// Speedup so tests need not wait three minutes for a side).
//
// Like grbl, it runs a dwell (G4) and a spindle or coolant change
// (M3/M5/M8/M9) only once the motion before it has finished, and answers a
// dwell when it ends: a sender learns from that ok when the machine got
// there.
//
// It understands the G-code a lathe plan uses: G0/G1 with X, Z and F,
// G4 P (dwell), G90/G91, G21, G94, M3/M5 with S (spindle: the platter),
// M8/M9 (coolant: the cutter drop), M2/M30, and $X, $I, $$ and $H. Anything else is error:20.
type Device struct {
	TravelMM [3]float64    // soft limits: each axis stays within [-TravelMM, 0] (grbl's machine space)
	Speedup  float64       // simulated seconds per real second; ≤ 0 means 1
	Tick     time.Duration // how often motion advances; 0 means 5 ms
	// PoweredUp is a board that was running before the port opened (no
	// auto-reset, or a pseudo-terminal): no banner until a soft reset.
	PoweredUp bool

	rx        []byte // received, not yet parsed
	overflow  bool   // bytes were lost to a full buffer (a sender's bug)
	planner   []block
	pos       [3]float64
	feed      float64 // mm/min, modal
	relative  bool
	state     string
	alarm     bool
	hold      bool
	door      bool
	spindleOn bool
	spindle   float64 // S, rpm (on a lathe: the platter)
	coolant   bool
	dwelling  bool // a dwell is running; its ok comes when it ends
	heard     sync.Mutex
	realtime  []byte // the realtime commands received, for tests; under heard
	out       *bufio.Writer
}

// block is one queued motion or dwell.
type block struct {
	to      [3]float64
	feed    float64 // mm/min; 0 = rapid
	dwellS  float64
	elapsed float64 // seconds of it done
}

const (
	plannerBlocks = 15
	rapidMMPerMin = 500 // the simulated machine's rapid rate
	banner        = "Grbl 1.1h ['$' for help]"
)

// Overflowed reports whether a sender ever overfilled the receive buffer.
// Like Alarmed, call it once Serve has returned.
func (d *Device) Overflowed() bool { return d.overflow }

// Realtime is the realtime commands (hold, resume, reset, door) received
// so far, in order; status queries are left out. It may be called while the
// device serves.
func (d *Device) Realtime() []byte {
	d.heard.Lock()
	defer d.heard.Unlock()
	return append([]byte(nil), d.realtime...)
}

// Alarmed reports whether the machine is locked in an alarm.
func (d *Device) Alarmed() bool { return d.alarm }

// Serve runs the device on rw until ctx ends or rw fails. It prints the
// banner first, as a board does when the port opens.
func (d *Device) Serve(ctx context.Context, rw io.ReadWriter) error {
	d.out = bufio.NewWriter(rw)
	if d.PoweredUp {
		d.state = "Idle"
	} else {
		d.reset()
	}
	bytesIn := make(chan []byte)
	readErr := make(chan error, 1)
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := rw.Read(buf)
			if n > 0 {
				b := append([]byte(nil), buf[:n]...)
				select {
				case bytesIn <- b:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				readErr <- err
				return
			}
		}
	}()
	tick := d.Tick
	if tick <= 0 {
		tick = 5 * time.Millisecond
	}
	speed := d.Speedup
	if speed <= 0 {
		speed = 1
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	last := time.Now()
	for {
		if err := d.out.Flush(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-readErr:
			return err
		case b := <-bytesIn:
			for _, c := range b {
				d.receive(c)
			}
			d.parseLines()
		case now := <-ticker.C:
			// Motion follows the clock, not the count of ticks: a busy
			// host (a browser tab, a loaded test machine) delivers ticks
			// late, and the machine must not slow down with it.
			d.advance(now.Sub(last).Seconds() * speed)
			last = now
			d.parseLines()
		}
	}
}

// reset is power-up or a soft reset: buffers cleared, the banner printed.
// A reset while moving loses the position: alarm 3, as grbl does.
func (d *Device) reset() {
	moving := len(d.planner) > 0 && !d.hold
	d.rx, d.planner = d.rx[:0], d.planner[:0]
	d.hold, d.door, d.spindleOn, d.coolant, d.relative, d.dwelling = false, false, false, false, false, false
	d.state = "Idle"
	d.println(banner)
	if moving {
		d.raise(3)
	} else if d.alarm {
		d.state = "Alarm"
		d.println("[MSG:'$H'|'$X' to unlock]")
	}
}

func (d *Device) raise(code int) {
	d.alarm, d.state, d.dwelling = true, "Alarm", false
	d.planner = d.planner[:0]
	d.println("ALARM:" + strconv.Itoa(code))
}

func (d *Device) println(s string) { d.out.WriteString(s + "\r\n") }

// receive takes one byte: realtime bytes act now, the rest queue.
func (d *Device) receive(c byte) {
	switch c {
	case FeedHold, CycleStart, SoftReset, SafetyDoor:
		d.heard.Lock()
		d.realtime = append(d.realtime, c)
		d.heard.Unlock()
	}
	switch c {
	case StatusQuery:
		d.println(d.status())
	case FeedHold:
		if len(d.planner) > 0 {
			d.hold, d.state = true, "Hold"
		}
	case CycleStart:
		if d.hold && !d.door {
			d.hold, d.state = false, "Run"
		}
	case SoftReset:
		d.reset()
	case SafetyDoor:
		d.door, d.hold, d.state = true, len(d.planner) > 0, "Door"
		d.spindleOn = false
	default:
		if len(d.rx) >= RxBufferBytes {
			d.overflow = true // a real board drops it
			return
		}
		d.rx = append(d.rx, c)
	}
}

// parseLines runs complete lines while the planner has room, answering
// each; a motion is answered when it is queued, not when it finishes.
func (d *Device) parseLines() {
	for len(d.planner) < plannerBlocks && !d.dwelling {
		i := strings.IndexByte(string(d.rx), '\n')
		if i < 0 {
			if len(d.rx) >= MaxLineBytes { // no newline within a line's length
				d.rx = d.rx[:0]
				d.println("error:11")
			}
			return
		}
		line := strings.TrimSpace(strings.TrimRight(string(d.rx[:i]), "\r"))
		long := i+1 > MaxLineBytes
		if !long && len(d.planner) > 0 && synchronises(line) {
			return // it waits in the buffer until the motion before it ends
		}
		d.rx = append(d.rx[:0], d.rx[i+1:]...)
		switch {
		case long:
			d.println("error:11")
		case line == "":
			d.println("ok")
		default:
			if code := d.execute(line); code != 0 {
				d.println("error:" + strconv.Itoa(code))
			} else if !d.dwelling {
				d.println("ok")
			}
		}
	}
}

// execute runs one line and returns 0 or a grbl error code.
func (d *Device) execute(line string) int {
	if strings.HasPrefix(line, "$") {
		switch line {
		case "$X":
			if d.alarm {
				d.alarm, d.state = false, "Idle"
				d.println("[MSG:Caution: Unlocked]")
			}
		case "$H":
			d.alarm, d.state, d.pos = false, "Idle", [3]float64{}
		case "$I":
			d.println("[VER:1.1h.20190825:]")
			d.println("[OPT:V,15,128]")
		case "$$":
			d.println(fmt.Sprintf("$130=%.3f", d.TravelMM[0]))
		default:
			return 3
		}
		return 0
	}
	if d.alarm {
		return 9
	}
	words, code := splitWords(line)
	if code != 0 {
		return code
	}
	target := d.end() // axes a line leaves out stay where the plan leaves them
	if d.relative {
		target = [3]float64{}
	}
	motion, hasAxis := -1, false
	dwell := -1.0
	for _, w := range words {
		switch w.letter {
		case 'G':
			switch w.value {
			case 0, 1:
				motion = int(w.value)
			case 4:
				dwell = 0
			case 90:
				d.relative = false
			case 91:
				d.relative = true
			case 21, 94:
			default:
				return 20
			}
		case 'M':
			switch w.value {
			case 3:
				d.spindleOn = true
			case 5:
				d.spindleOn = false
			case 8:
				d.coolant = true
			case 9:
				d.coolant = false
			case 2, 30:
			default:
				return 20
			}
		case 'X', 'Y', 'Z':
			target[w.letter-'X'] = w.value
			hasAxis = true
		case 'F':
			if w.value <= 0 {
				return 4
			}
			d.feed = w.value
		case 'S':
			if w.value < 0 {
				return 4
			}
			d.spindle = w.value
		case 'P':
			if dwell < 0 {
				return 36
			}
			dwell = w.value
		default:
			return 20
		}
	}
	if dwell >= 0 {
		d.queue(block{to: d.end(), dwellS: dwell})
		d.dwelling = true
		return 0
	}
	if !hasAxis {
		return 0
	}
	if motion < 0 {
		return 31
	}
	if d.relative {
		end := d.end()
		for i := range target {
			target[i] += end[i]
		}
	}
	for i, lim := range d.TravelMM {
		if lim > 0 && (target[i] > 0 || target[i] < -lim) {
			d.raise(2)
			return 0 // grbl raises the alarm; the line's answer is ok
		}
	}
	feed := 0.0
	if motion == 1 {
		if d.feed <= 0 {
			return 22
		}
		feed = d.feed
	}
	d.queue(block{to: target, feed: feed})
	return 0
}

// end is where the planner will leave the machine.
func (d *Device) end() [3]float64 {
	if n := len(d.planner); n > 0 {
		return d.planner[n-1].to
	}
	return d.pos
}

func (d *Device) queue(b block) {
	d.planner = append(d.planner, b)
	if !d.hold && !d.door {
		d.state = "Run"
	}
}

// advance moves the machine by dt simulated seconds.
func (d *Device) advance(dt float64) {
	for dt > 0 && len(d.planner) > 0 && !d.hold && !d.door && !d.alarm {
		b := &d.planner[0]
		var remain float64
		if b.dwellS > 0 {
			remain = b.dwellS - b.elapsed
		} else {
			rate := b.feed
			if rate <= 0 {
				rate = rapidMMPerMin
			}
			dist := math.Sqrt(sq(b.to[0]-d.pos[0]) + sq(b.to[1]-d.pos[1]) + sq(b.to[2]-d.pos[2]))
			remain = dist / (rate / 60)
			if remain > dt {
				f := dt / remain
				for i := range d.pos {
					d.pos[i] += (b.to[i] - d.pos[i]) * f
				}
				return
			}
		}
		if remain > dt {
			b.elapsed += dt
			return
		}
		dt -= remain
		d.pos = b.to
		d.planner = d.planner[1:]
	}
	if len(d.planner) == 0 {
		if d.dwelling {
			d.dwelling = false
			d.println("ok")
		}
		if d.state == "Run" {
			d.state = "Idle"
		}
	}
}

// synchronises reports whether grbl runs line only after the motion before
// it: a dwell, or a spindle or coolant change.
func synchronises(line string) bool {
	words, code := splitWords(line)
	if code != 0 {
		return false
	}
	for _, w := range words {
		if w.letter == 'G' && w.value == 4 || w.letter == 'M' && (w.value == 3 || w.value == 5 || w.value == 8 || w.value == 9) {
			return true
		}
	}
	return false
}

func sq(x float64) float64 { return x * x }

func (d *Device) status() string {
	state := d.state
	switch state {
	case "Hold", "Door":
		state += ":0"
	}
	feed := 0.0
	if len(d.planner) > 0 && !d.hold && !d.door {
		feed = d.planner[0].feed
	}
	spindle := 0.0
	if d.spindleOn {
		spindle = d.spindle
	}
	return fmt.Sprintf("<%s|MPos:%.3f,%.3f,%.3f|Bf:%d,%d|FS:%.0f,%.0f>", state, d.pos[0], d.pos[1], d.pos[2],
		plannerBlocks-len(d.planner), RxBufferBytes-len(d.rx), feed, spindle)
}

type word struct {
	letter byte
	value  float64
}

// splitWords reads "G1X-1.5F20" or "G1 F20" into words.
func splitWords(line string) ([]word, int) {
	var out []word
	s := strings.ToUpper(strings.ReplaceAll(line, " ", ""))
	for len(s) > 0 {
		l := s[0]
		if l < 'A' || l > 'Z' {
			return nil, 1
		}
		j := 1
		for j < len(s) && (s[j] == '-' || s[j] == '+' || s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
			j++
		}
		v, err := strconv.ParseFloat(s[1:j], 64)
		if err != nil || math.IsInf(v, 0) {
			return nil, 2
		}
		out = append(out, word{l, v})
		s = s[j:]
	}
	return out, 0
}
