package game

import (
	"fmt"
	"slices"
	"strings"

	"bonemusic/engine"
	"bonemusic/engine/synth"
)

// embedChoices are what an exhibition page chose for the app through the
// embed page's address (docs/museum.md): the demo record's tune and film,
// and how many controls the visitor gets.
type embedChoices struct {
	tune    string // the demo record's tune, one of synth.Tunes
	film    string // the demo record's X-ray, one of engine.Films
	minimal bool   // controls=minimal: only the demo record, no buttons to make one's own
}

// defaultEmbed is the app as index.html shows it.
var defaultEmbed = embedChoices{tune: "boogie", film: "chest"}

// parseEmbedChoices reads ?demo=, ?film= and ?controls= through param ("" for
// absent). A value it does not know keeps the default and comes back as a
// problem for the site's web team, naming the values it takes.
func parseEmbedChoices(param func(string) string) (embedChoices, []string) {
	c := defaultEmbed
	var problems []string
	pick := func(name string, allowed []string, into *string) {
		v := strings.ToLower(strings.TrimSpace(param(name)))
		switch {
		case v == "":
		case slices.Contains(allowed, v):
			*into = v
		default:
			problems = append(problems, fmt.Sprintf("%s=%q is not one of %s: using %s", name, v, strings.Join(allowed, ", "), *into))
		}
	}
	pick("demo", synth.Tunes, &c.tune)
	pick("film", engine.Films, &c.film)
	controls := "full"
	pick("controls", []string{"full", "minimal"}, &controls)
	c.minimal = controls == "minimal"
	return c, problems
}
