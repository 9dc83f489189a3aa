//go:build js && wasm

package main

import (
	"fmt"

	"bonemusic/game"
)

func run() {
	if err := game.Run(game.Options{}); err != nil {
		// The loader (web/loader.js) shows the visitor that the app stopped.
		fmt.Println("bonemusic:", err)
	}
}
