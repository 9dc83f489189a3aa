//go:build !js

package game

// hostQueue is empty on the desktop: no page embeds the app.
type hostQueue struct{}

func (hostQueue) drain() []hostCommand { return nil }

// embedOptions: the desktop app is never embedded; it shows the defaults.
func embedOptions(opt *Options) { opt.embed = defaultEmbed }
