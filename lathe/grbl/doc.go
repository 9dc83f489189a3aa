// Package grbl speaks the wire protocol of grbl 1.1, the firmware of most
// home-made CNC machines and so of most DIY record lathes: the lines a
// device sends (parsed by Parse), the texts of its error and alarm codes,
// its realtime bytes, and the character-counting flow control that keeps
// its 128-byte receive buffer from overflowing (Window). It has no
// transport of its own: the lathe package drives it over any
// io.ReadWriter (a serial port, Web Serial, a pseudo-terminal, the
// simulator).
//
// Facts relied on (grbl 1.1h; docs/lathe.md):
//   - every line sent is answered by exactly one "ok" or "error:N", in order;
//   - the receive buffer holds 128 bytes; a line may be at most 80
//     characters including its newline, or grbl answers error:11;
//   - realtime bytes ('?', '!', '~', 0x18, 0x84) are acted on at once and
//     take no buffer space; '?' is answered by one status report
//     <State|MPos:x,y,z|FS:feed,speed|…> even while the buffer is full;
//   - ALARM:N, [MSG:…] and other [..] feedback arrive at any time.
package grbl
