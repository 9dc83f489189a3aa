package main

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

// A taken port is reported with the make command that picks a free one.
func TestPortInUseSaysWhatToRun(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = net.Listen("tcp", ln.Addr().String())
	if err == nil {
		t.Fatal("listening twice on one port worked")
	}
	var out bytes.Buffer
	portInUse(&out, ln.Addr().String(), err)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	msg := out.String()
	if !strings.Contains(msg, "port "+port+" is in use; run: make serve ADDR=127.0.0.1:") {
		t.Errorf("message %q does not say which port and what to run", msg)
	}
	suggested := strings.TrimSpace(msg[strings.Index(msg, "ADDR=")+len("ADDR="):])
	if free, err := net.Listen("tcp", suggested); err != nil {
		t.Errorf("the suggested %s is not free: %v", suggested, err)
	} else {
		free.Close()
	}
}
