package audioio

import (
	"bytes"
	"encoding/binary"
)

// CheckLength refuses a sound too long to cut from its container alone,
// without decoding it. The browser build hands MP3 and Ogg to Web Audio,
// which decodes a whole file at once: a 2-hour MP3 would take well over a
// gigabyte of the tab's memory before its length could be checked.
// A file whose length cannot be told this way passes; the decoder checks
// again.
func CheckLength(data []byte) error {
	switch detect(data) {
	case formatWAV:
		return checkWAVHead(data, int64(len(data)))
	case formatMP3:
		return checkSize(mp3Frames(data), 1, mp3Rate(data))
	case formatVorbis:
		if frames, rateHz := vorbisLength(data); rateHz > 0 {
			return checkSize(frames, 1, rateHz)
		}
	}
	return nil
}

// mp3Rate is the sample rate of the first frame (44.1 kHz when none is
// found, so the check below cannot fail on it).
func mp3Rate(data []byte) int {
	if h := mp3FirstFrame(data); h != nil {
		_, _, rateHz, _ := mpegFrame(h)
		return rateHz
	}
	return 44100
}

// mp3Frames counts the samples of every frame header in step from the first
// one (exact for constant and variable bit rates alike), stopping once the
// count is past the limit. Where the chain breaks (a tag, damage) it looks
// for the next header byte by byte.
func mp3Frames(data []byte) int64 {
	at := mp3FirstFrameAt(data)
	if at < 0 {
		return 0
	}
	_, _, rateHz, _ := mpegFrame(data[at:])
	limit := int64(MaxSeconds+1) * int64(rateHz)
	var samples int64
	for at+4 <= len(data) && samples <= limit {
		size, n, _, ok := mpegFrame(data[at:])
		if !ok || size < 4 {
			at++
			continue
		}
		samples += int64(n)
		at += size
	}
	return samples
}

// vorbisLength reads the stream's length from the granule position of its
// last Ogg page (RFC 3533 §6: for Vorbis, the sample count at the page's
// end) and its rate from the identification header.
func vorbisLength(data []byte) (frames int64, rateHz int) {
	p := oggFirstPacket(data)
	if len(p) < 16 {
		return 0, 0
	}
	rateHz = int(binary.LittleEndian.Uint32(p[12:16]))
	tail := data[max(0, len(data)-65536):]
	last := bytes.LastIndex(tail, []byte("OggS"))
	if last < 0 || last+14 > len(tail) {
		return 0, 0
	}
	granule := binary.LittleEndian.Uint64(tail[last+6 : last+14])
	if granule > 1<<40 { // -1 (no packet ends here) or nonsense: no length
		return 0, 0
	}
	return int64(granule), rateHz
}
