//go:build !js

package main

import (
	"fmt"
	"os"
)

// runCLI is replaced by internal/cli once it lands.
func runCLI(args []string) int {
	fmt.Fprintf(os.Stderr, "bonemusic: unknown command %q\n", args[0])
	return 2
}
