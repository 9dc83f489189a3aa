package audioio

import (
	"errors"
	"io"
)

// EncodeWAV is WriteWAVProgress into memory: a browser hands the bytes to a
// download. progress may be nil.
func EncodeWAV(mono []float32, rateHz int, progress func(float64)) ([]byte, error) {
	var b seekBuffer
	if err := WriteWAVProgress(&b, mono, rateHz, progress); err != nil {
		return nil, err
	}
	return b.data, nil
}

// seekBuffer is an in-memory io.WriteSeeker: go-audio's encoder seeks back
// to fill in the header's lengths, which bytes.Buffer cannot do.
type seekBuffer struct {
	data []byte
	at   int
}

func (b *seekBuffer) Write(p []byte) (int, error) {
	if need := b.at + len(p); need > len(b.data) {
		b.data = append(b.data, make([]byte, need-len(b.data))...)
	}
	copy(b.data[b.at:], p)
	b.at += len(p)
	return len(p), nil
}

func (b *seekBuffer) Seek(offset int64, whence int) (int64, error) {
	base := int64(0)
	switch whence {
	case io.SeekCurrent:
		base = int64(b.at)
	case io.SeekEnd:
		base = int64(len(b.data))
	}
	at := base + offset
	if at < 0 || at > 1<<31 {
		return 0, errors.New("audioio: seek out of range")
	}
	b.at = int(at)
	return at, nil
}
