//go:build !js

package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"bonemusic/game"
	"bonemusic/internal/cli"
)

// run opens the app, or runs a subcommand of the command line. A single
// argument that is not a subcommand is a file to open in the app: a sound
// to cut or a .bone audio letter to play (bonemusic FILE).
func run() {
	game.RunAudioProbeIfRequested()
	opt := game.Options{}
	args := os.Args[1:]
	if len(args) > 0 && strings.HasPrefix(args[0], "-") && !cli.IsCommand(args[0]) {
		args = appFlags(&opt, args)
	}
	switch {
	case len(args) == 1 && !cli.IsCommand(args[0]):
		if _, err := os.Stat(args[0]); err != nil {
			fmt.Fprintf(os.Stderr, "bonemusic: %v\n", err)
			os.Exit(1)
		}
		opt.Open = args[0]
	case len(args) > 0:
		os.Exit(runCLI(args))
	}
	if err := game.Run(opt); err != nil {
		fmt.Fprintln(os.Stderr, "bonemusic:", err)
		os.Exit(1)
	}
}

// appFlags reads the app's own options — bonemusic [--kiosk] [--lang ru]
// [--idle SECONDS] [FILE] — and returns what is left.
func appFlags(opt *game.Options, args []string) []string {
	fs := flag.NewFlagSet("bonemusic", flag.ExitOnError)
	fs.BoolVar(&opt.Kiosk, "kiosk", false, "an exhibition's machine: fullscreen, no file dialogs, back to the start after idle minutes")
	fs.StringVar(&opt.Lang, "lang", "", "en or ru (default: the system's language)")
	idle := fs.Float64("idle", 0, "seconds without a touch before a kiosk returns to the start (default 180)")
	fs.Parse(args)
	opt.IdleTicks = game.IdleTicks(*idle)
	return fs.Args()
}
