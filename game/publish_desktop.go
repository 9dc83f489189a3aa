//go:build !js

package game

import "os"

// publisher is a no-op on desktop: tests read Game.State directly.
type publisher struct{}

func newPublisher() *publisher      { return &publisher{} }
func (p *publisher) publish(*State) {}

// pageOptions: a desktop has no page; its options come from the command
// line.
func pageOptions(*Options) {}

// preferredLang on desktop is the locale from the environment (LANG=ru_RU.UTF-8).
func preferredLang() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
