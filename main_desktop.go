//go:build !js

package main

import (
	"fmt"
	"os"

	"bonemusic/game"
)

func run() {
	game.RunAudioProbeIfRequested()
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:]))
	}
	if err := game.Run(game.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "bonemusic:", err)
		os.Exit(1)
	}
}
