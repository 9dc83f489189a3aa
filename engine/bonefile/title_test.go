package bonefile

import (
	"bytes"
	"strings"
	"testing"

	"bonemusic/engine"
)

// The writer refuses every title the reader would call damaged, with the
// same words CheckTitle gives before any work: a disc is never saved that
// no command can open again.
func TestWriterAndReaderAgreeOnTitles(t *testing.T) {
	d := testDisc(t, fastParams(), 0.05, engine.CutOptions{})
	for name, tc := range map[string]struct {
		title, want string
	}{
		"Cyrillic":       {"Пластинка на рёбрах", ""},
		"at the limit":   {strings.Repeat("x", maxTitleBytes), ""},
		"not UTF-8":      {"caf\xe9", "not UTF-8"},
		"cut mid-letter": {"Пласт"[:3], "not UTF-8"},
		"70 KB":          {strings.Repeat("x", 70_000), "at most 512"},
		"one over limit": {strings.Repeat("x", maxTitleBytes+1), "at most 512"},
	} {
		t.Run(name, func(t *testing.T) {
			check := CheckTitle(tc.title)
			d.Params.Title = tc.title
			var buf bytes.Buffer
			encErr := Encode(&buf, d)
			if tc.want == "" {
				if check != nil || encErr != nil {
					t.Fatalf("refused: %v / %v", check, encErr)
				}
				if back, err := Decode(&buf); err != nil || back.Params.Title != tc.title {
					t.Fatalf("read back %v", err)
				}
				return
			}
			if check == nil || !strings.Contains(check.Error(), tc.want) || !strings.Contains(check.Error(), "title") {
				t.Errorf("CheckTitle: %v, want %q", check, tc.want)
			}
			if encErr == nil || !strings.Contains(encErr.Error(), tc.want) {
				t.Errorf("Encode: %v, want a refusal saying %q", encErr, tc.want)
			}
		})
	}
}
