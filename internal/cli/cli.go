//go:build !js

// Package cli is Bone Music's command line: cut a sound onto a disc, play it
// (and wear it), inspect it, draw it, or make a demo sound to start with.
// main.go calls Main on desktop when there are arguments. It is desktop only
// (it reads and writes files), hence the !js build tags.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usageText = `usage:
  bonemusic cut    IN.(wav|mp3|ogg) -o DISC.bone [--film chest|skull|hands|spine|pelvis|knee]
                   [--rpm 78] [--lpi 100] [--variable-pitch] [--level DB] [--hot] [--seed N] [--title T]
  bonemusic play   DISC.bone -o OUT.wav [--pickup steel|crystal|magnetic] [--plays N] [--rpm R]
  bonemusic info   DISC.bone
  bonemusic render DISC.bone -o DISC.png [--size PX]
  bonemusic demo   -o OUT.wav [--tune boogie|waltz|march|letter] [--seconds S] [--seed N]
  bonemusic lathe  DISC.bone (--port PORT [--protocol grbl|midi] [--channel N] | --dry-run)
                   [--home MM] [--travel MM] [--depth MM] [--coolant]
  bonemusic lathe  --list | --simulator
`

// usageError is a mistake in the command line: exit 2 with the usage text.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// env is what a subcommand may touch: its arguments and the two streams.
type env struct {
	args   []string
	stdout io.Writer
	stderr io.Writer
	// progress reports long work on stderr, or does nothing when stderr is
	// not a terminal (a pipe, a log, a test).
	progress *progress
}

func commands() map[string]func(e *env) error {
	return map[string]func(e *env) error{
		"cut":    runCut,    // cut a sound onto a new disc
		"play":   runPlay,   // play a disc, wearing it, and save the sound
		"info":   runInfo,   // describe a disc as JSON
		"render": runRender, // draw a disc as a PNG
		"demo":   runDemo,   // write a synthesised demo sound
		"lathe":  runLathe,  // plan a real lathe's cut of a disc
	}
}

// IsCommand reports whether name is one of the subcommands (or a request
// for help): anything else given to bonemusic is a file to open in the app.
func IsCommand(name string) bool {
	_, ok := commands()[name]
	return ok || name == "-h" || name == "--help" || name == "help"
}

// Main runs the command line and returns the process exit code: 0 on
// success, 2 for a usage mistake (with the usage text), 1 for anything
// else, with one line on stderr saying what went wrong.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 0 {
			fmt.Fprint(stderr, usageText)
			return exitUsage
		}
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	run, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bonemusic: unknown command %q\n%s", args[0], usageText)
		return exitUsage
	}
	e := &env{args: args[1:], stdout: stdout, stderr: stderr, progress: newProgress(stderr)}
	err := run(e)
	e.progress.done()
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText)
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "bonemusic %s: %s\n%s", args[0], ue.msg, usageText)
		return exitUsage
	}
	fmt.Fprintf(stderr, "bonemusic %s: %s\n", args[0], strings.TrimPrefix(oneLine(err), args[0]+": "))
	return exitError
}

// oneLine makes an error readable on one line: "x: no such file" instead of
// the system's "open x: no such file or directory".
func oneLine(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Sprintf("%s: no such file", pe.Path)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Sprintf("%s: permission denied", pe.Path)
		}
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// parse parses flags that may come before, after or between the positional
// arguments (Go's flag package stops at the first positional one), and
// checks the number of positional arguments.
func parse(fs *flag.FlagSet, args []string, positional int, what string) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
	if len(rest) != positional {
		if positional == 0 {
			return nil, usagef("unexpected argument %q", rest[0])
		}
		if len(rest) < positional {
			return nil, usagef("missing %s", what)
		}
		return nil, usagef("too many arguments: %s", strings.Join(rest, " "))
	}
	return rest, nil
}

// isTerminal reports whether w is a character device (a terminal).
// golang.org/x/term is not in the module graph; Stat is enough to decide
// whether to draw progress.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
