//go:build !js

package cli

import (
	"bufio"
	"flag"
	"fmt"

	"bonemusic/engine/bonefile"
	"bonemusic/lathe"
)

// runLathe prints the G-code a lathe would cut a disc with. Driving a
// machine over a port is the next step of the lathe work; until then only
// --dry-run is accepted, so nobody believes a cut happened.
func runLathe(e *env) error {
	fs := flag.NewFlagSet("lathe", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "print the G-code plan; send nothing")
	cfg := lathe.DefaultConfig()
	fs.Float64Var(&cfg.HomeRadiusMM, "home", cfg.HomeRadiusMM, "radius under the cutter at machine X0, mm")
	fs.Float64Var(&cfg.TravelMM, "travel", cfg.TravelMM, "carriage travel toward the centre, mm")
	fs.Float64Var(&cfg.CutDepthMM, "depth", cfg.CutDepthMM, "how far the cutter drops into the film, mm")
	fs.BoolVar(&cfg.CutterByCoolant, "coolant", false, "lower and lift the cutter with M8/M9 instead of Z")
	args, err := parse(fs, e.args, 1, "the disc file to plan")
	if err != nil {
		return err
	}
	if !*dry {
		return usagef("this build plans a cut but does not drive a lathe yet: add --dry-run to print the plan")
	}
	d, err := bonefile.ReadFile(args[0])
	if err != nil {
		return err
	}
	plan, err := lathe.PlanCut(d, cfg)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	fmt.Fprintf(w, "; %s: %d turns, X %.3f → %.3f mm, programme feed %.3f mm/min, %.1f s\n",
		args[0], plan.Revs, plan.StartX, plan.EndX, plan.FeedMMMin, plan.Seconds)
	for _, l := range plan.Lines {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}
