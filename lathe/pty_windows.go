package lathe

import (
	"context"
	"errors"
)

// ServePTY needs a pseudo-terminal, which Windows does not have: a virtual
// COM port pair (com0com) and the simulator in the app do the same job.
func ServePTY(ctx context.Context, cfg Config, speedup float64) (string, func() error, error) {
	return "", nil, errors.New("Windows has no pseudo-terminals: use the app's simulated lathe, or a virtual COM port pair")
}
