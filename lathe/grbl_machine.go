package lathe

import (
	"context"
	"io"
	"strconv"

	"bonemusic/engine"
	"bonemusic/lathe/grbl"
)

// NewGrbl is a lathe run by grbl 1.1 on rw (a serial port at 115200 8N1,
// or a pipe to a simulated board). The machine owns rw and closes it.
func NewGrbl(rw io.ReadWriteCloser, cfg Config) Machine {
	return &grblMachine{rw: rw, cfg: cfg}
}

type grblMachine struct {
	rw   io.ReadWriteCloser
	conn *grbl.Conn // one reader for the port's life, from the first cut on
	cfg  Config
	opt  grbl.StreamOptions // zero: grbl's defaults (5 Hz status, 500 ms link timeout)
}

func (m *grblMachine) Close() error { return m.rw.Close() }

func (m *grblMachine) Cut(ctx context.Context, d *engine.Disc, report func(Event)) error {
	if report == nil {
		report = func(Event) {}
	}
	plan, err := PlanCut(d, m.cfg)
	if err != nil {
		return err
	}
	if m.conn == nil {
		m.conn = grbl.NewConn(m.rw)
	}
	last := Event{Phase: Connecting, Total: len(plan.Lines)}
	report(last)
	err = m.conn.Stream(ctx, plan.Lines, m.opt, func(e grbl.Event) {
		last.Done, last.Note = e.Answered, e.Note
		switch {
		case e.Answered > plan.SpiralLine:
			last.Phase = Cutting
		default: // grbl answered: connected
			last.Phase = Preparing
		}
		if e.Answered > 0 {
			last.Line = plan.Lines[e.Answered-1]
		}
		if e.HasStatus {
			last.State = e.Status.State
			if e.Status.SubState >= 0 { // Hold:N, Door:N
				last.State += ":" + strconv.Itoa(e.Status.SubState)
			}
			last.RadiusMM, last.HasRadius = e.Status.MPos[0]+m.cfg.HomeRadiusMM, true
		}
		report(last)
	})
	if err != nil {
		last.Phase, last.Note = Stopped, err.Error()
		report(last)
		return err
	}
	last.Phase, last.Note = Finished, "cut finished: cutter up, platter stopped"
	report(last)
	return nil
}
