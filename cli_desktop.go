//go:build !js

package main

import (
	"os"

	"bonemusic/internal/cli"
)

// runCLI runs a subcommand (cut, play, info, render, demo) and returns the exit code.
func runCLI(args []string) int { return cli.Main(args, os.Stdout, os.Stderr) }
