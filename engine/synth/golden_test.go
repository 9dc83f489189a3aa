package synth

import (
	"math"
	"testing"
)

// TestGoldenSamples pins a few samples of each tune. It runs natively and
// under wasm (make test), so it also checks the promise that the same seed
// gives the same sound on every platform, to 1e-6. Changing a tune's sound
// on purpose means updating these numbers.
func TestGoldenSamples(t *testing.T) {
	at := []int{1000, 7777, 22050, 40000, 60000}
	golden := map[string][]float64{
		"boogie": {0.042106051, 0.187320024, -0.296927571, -0.089104213, -0.004927029},
		"waltz":  {-0.154681623, 0.114126235, -0.034859259, 0.163773015, -0.105596550},
		"march":  {-0.037382748, 0.237788290, 0.039044593, -0.201908335, 0.000181714},
		"letter": {0.000000000, 0.002034012, 0.138666496, 0.006797661, -0.079669163},
	}
	for _, name := range Tunes {
		out, err := Tune(name, 22050, 3, 1)
		if err != nil {
			t.Fatal(err)
		}
		for k, i := range at {
			if d := math.Abs(float64(out[i]) - golden[name][k]); d > 1e-6 {
				t.Errorf("%s sample %d = %.9f, want %.9f", name, i, out[i], golden[name][k])
			}
		}
	}
}
