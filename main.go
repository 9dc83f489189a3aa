// Bone Music: cut your own sound onto a virtual X-ray film record and hear
// it wear out, play by play. With no arguments it opens the app (a window on
// the desktop, the canvas in a browser); on the desktop, subcommands form a
// command-line tool (see main_desktop.go).
package main

func main() { run() }
