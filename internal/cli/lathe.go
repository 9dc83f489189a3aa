//go:build !js

package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"time"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
	"bonemusic/lathe"
	"bonemusic/lathe/grbl"
)

// runLathe cuts a disc on a real lathe, prints the plan (--dry-run), lists
// the ports (--list) or serves a simulated grbl board on a pseudo-terminal
// (--simulator) for trying a setup without hardware. Ctrl-C is the STOP.
func runLathe(e *env) error {
	fs := flag.NewFlagSet("lathe", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "print the G-code plan; send nothing")
	list := fs.Bool("list", false, "list the serial ports and MIDI devices")
	sim := fs.Bool("simulator", false, "serve a simulated grbl board on a pseudo-terminal until Ctrl-C")
	port := fs.String("port", "", "the lathe's port: /dev/ttyUSB0, COM3, /dev/snd/midiC1D0")
	protocol := fs.String("protocol", lathe.ProtocolGrbl, "grbl or midi")
	cfg := lathe.DefaultConfig()
	fs.Float64Var(&cfg.HomeRadiusMM, "home", cfg.HomeRadiusMM, "radius under the cutter at machine X0, mm")
	fs.Float64Var(&cfg.TravelMM, "travel", cfg.TravelMM, "carriage travel toward the centre, mm")
	fs.Float64Var(&cfg.CutDepthMM, "depth", cfg.CutDepthMM, "how far the cutter drops into the film, mm")
	fs.BoolVar(&cfg.CutterByCoolant, "coolant", false, "lower and lift the cutter with M8/M9 instead of Z")
	channel := fs.Int("channel", 1, "MIDI channel of the lathe's controls, 1–16")
	positional := 1
	if slices.ContainsFunc(e.args, func(a string) bool { return a == "--list" || a == "-list" || a == "--simulator" || a == "-simulator" }) {
		positional = 0
	}
	args, err := parse(fs, e.args, positional, "the disc file to cut")
	if err != nil {
		return err
	}
	if *channel < 1 || *channel > 16 {
		return usagef("--channel %d: MIDI has channels 1–16", *channel)
	}
	cfg.MIDIChannel = uint8(*channel - 1)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch {
	case *list:
		return listPorts(e.stdout)
	case *sim:
		return serveSimulator(ctx, e, cfg)
	}
	d, err := bonefile.ReadFile(args[0])
	if err != nil {
		return err
	}
	if *dry {
		return printPlan(e.stdout, args[0], d, cfg)
	}
	if *port == "" {
		return usagef("which port is the lathe on? add --port (see bonemusic lathe --list), or --dry-run to print the plan")
	}
	m, err := lathe.Open(*port, *protocol, cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	fmt.Fprintf(e.stderr, "cutting %s on %s (%s); Ctrl-C stops the lathe\n", args[0], *port, *protocol)
	err = m.Cut(ctx, d, progressLog(e.stderr))
	if errors.Is(err, grbl.ErrLinkLost) || errors.Is(err, lathe.ErrMIDIGone) {
		if lathe.PortPresent(*port) {
			return fmt.Errorf("%w; the port %s is still there: the board may have reset or hung", err, *port)
		}
		return fmt.Errorf("%w; the port %s has gone: the cable is out or the board lost power", err, *port)
	}
	return err
}

func printPlan(out io.Writer, name string, d *engine.Disc, cfg lathe.Config) error {
	plan, err := lathe.PlanCut(d, cfg)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "; %s: %d turns, X %.3f → %.3f mm, programme feed %.3f mm/min, %.1f s\n",
		name, plan.Revs, plan.StartX, plan.EndX, plan.FeedMMMin, plan.Seconds)
	for _, l := range plan.Lines {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}

func listPorts(out io.Writer) error {
	ports, err := lathe.ListPorts()
	if err != nil {
		return err
	}
	if len(ports) == 0 {
		fmt.Fprintln(out, "no serial ports or MIDI devices found: plug the lathe in (USB), or try bonemusic lathe --simulator")
		return nil
	}
	for _, p := range ports {
		fmt.Fprintf(out, "%s\t%s\n", p.Name, p.Protocol)
	}
	return nil
}

// serveSimulator runs a simulated board until ctx ends (Ctrl-C).
func serveSimulator(ctx context.Context, e *env, cfg lathe.Config) error {
	name, closeFn, err := lathe.ServePTY(ctx, cfg, 1)
	if err != nil {
		return fmt.Errorf("lathe: no pseudo-terminal for the simulator: %w", err)
	}
	defer closeFn()
	fmt.Fprintf(e.stdout, "%s\n", name)
	fmt.Fprintf(e.stderr, "a simulated grbl 1.1 board is on %s: cut on it from another terminal with\n  bonemusic lathe DISC.bone --port %s\nCtrl-C stops the board\n", name, name)
	<-ctx.Done()
	return nil
}

// progressLog prints a cut's phases, the machine's messages and, while
// cutting, a line every few seconds.
func progressLog(w io.Writer) func(lathe.Event) {
	phase := lathe.Phase(255) // none yet
	var printed time.Time
	return func(ev lathe.Event) {
		changed := ev.Phase != phase
		phase = ev.Phase
		if !changed && ev.Note == "" && time.Since(printed) < 5*time.Second {
			return
		}
		printed = time.Now()
		if changed {
			fmt.Fprintf(w, "%s\n", ev.Phase)
		}
		if ev.Note != "" {
			fmt.Fprintf(w, "  %s\n", ev.Note)
		}
		if ev.Phase == lathe.Preparing || ev.Phase == lathe.Cutting {
			line := fmt.Sprintf("  %d/%d", ev.Done, ev.Total)
			if ev.HasRadius {
				line += fmt.Sprintf("  r %.2f mm", ev.RadiusMM)
			}
			if ev.State != "" {
				line += "  " + ev.State
			}
			fmt.Fprintf(w, "%s  %s\n", line, ev.Line)
		}
	}
}
