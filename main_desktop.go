//go:build !js

package main

import (
	"fmt"
	"os"

	"bonemusic/game"
	"bonemusic/internal/cli"
)

// run opens the app, or runs a subcommand of the command line. A single
// argument that is not a subcommand is a file to open in the app: a sound
// to cut or a .bone audio letter to play (bonemusic FILE).
func run() {
	game.RunAudioProbeIfRequested()
	opt := game.Options{}
	switch args := os.Args[1:]; {
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
