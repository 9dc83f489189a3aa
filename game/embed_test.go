package game

import (
	"strings"
	"testing"
)

func TestParseEmbedChoices(t *testing.T) {
	for _, tc := range []struct {
		query    map[string]string
		want     embedChoices
		problems []string // words each problem must contain
	}{
		{nil, defaultEmbed, nil},
		{map[string]string{"demo": "waltz", "film": "Skull", "controls": "minimal"}, embedChoices{"waltz", "skull", true}, nil},
		{map[string]string{"controls": "full"}, defaultEmbed, nil},
		{map[string]string{"demo": "tango"}, defaultEmbed, []string{`demo="tango"`, "boogie, waltz", "using boogie"}},
		{map[string]string{"film": "foot", "controls": "none"}, defaultEmbed, []string{`film="foot"`, "chest", `controls="none"`}},
	} {
		got, problems := parseEmbedChoices(func(name string) string { return tc.query[name] })
		if got != tc.want {
			t.Errorf("%v: got %+v, want %+v", tc.query, got, tc.want)
		}
		all := strings.Join(problems, "\n")
		for _, w := range tc.problems {
			if !strings.Contains(all, w) {
				t.Errorf("%v: problems %q do not say %q", tc.query, all, w)
			}
		}
		if len(tc.problems) == 0 && len(problems) > 0 {
			t.Errorf("%v: unexpected problems %q", tc.query, problems)
		}
	}
}
