//go:build !js

package shelf

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
)

func TestDirStore(t *testing.T) {
	s, err := Dir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkStore(t, s)
}

// Two app windows on one collection folder: the second save of a disc
// both opened is refused, not a silent lost update.
func TestDirStoreTwoWindows(t *testing.T) {
	dir := t.TempDir()
	one, err1 := Dir(dir)
	two, err2 := Dir(dir)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	checkTwoWindows(t, one, two)
}

// Files that are not discs of the collection — a user's notes, a killed
// save's temporary — are not listed, and the temporary is cleaned away.
func TestDirStoreIgnoresStrangers(t *testing.T) {
	dir := t.TempDir()
	id := NewID(time.Now(), 0)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.bone"), []byte("a disc of another program"), 0o644)
	tmp := filepath.Join(dir, "."+id+".bone.tmp-1")
	os.WriteFile(tmp, []byte("half a disc"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(tmp, old, old)
	s, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ids, err := s.List(); err != nil || len(ids) != 0 {
		t.Errorf("listed %v, %v", ids, err)
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Error("the killed save's temporary file is still there")
	}
}

// childEnv makes the test binary a saver: it saves one disc again and again
// under one id, a title counting up, and prints "saved N" after each.
const childEnv = "BONEMUSIC_SHELF_SAVER"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		os.Exit(saveForever(dir))
	}
	os.Exit(m.Run())
}

const killedID = "d00000000000000000001-000"

func saveForever(dir string) int {
	s, err := Dir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	d, err := engine.Cut([][]float32{make([]float32, engine.EngineRate/2)}, engine.EngineRate, engine.DefaultParams(), engine.CutOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	start, rev := 0, NoRevision
	if b, r, err := s.Get(killedID); err == nil { // go on from the last good save
		rev = r
		if last, err := bonefile.Decode(bytes.NewReader(b)); err == nil {
			start, _ = strconv.Atoi(strings.TrimPrefix(last.Params.Title, "save "))
		}
	}
	for n := start + 1; ; n++ {
		d.Params.Title = "save " + strconv.Itoa(n)
		var buf bytes.Buffer
		if err := bonefile.Encode(&buf, d); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if rev, err = s.Put(killedID, buf.Bytes(), rev); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("saved %d\n", n)
	}
}

// A saver killed at a random moment, 300 times over: every time, the
// collection opens, lists the disc, and the disc decodes whole, holding the
// last save the saver finished or the one it was making.
func TestKilledMidSave(t *testing.T) {
	if testing.Short() {
		t.Skip("300 killed processes")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	lastSaved := 0
	for round := 0; round < 300; round++ {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "saved ")); err == nil {
					lines <- n
				}
			}
			close(lines)
		}()
		// Once it is saving, kill it anywhere in the next save or two.
		select {
		case n, ok := <-lines:
			if ok {
				lastSaved = max(lastSaved, n)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the saver never saved", round)
		}
		time.Sleep(time.Duration(rng.IntN(15000)) * time.Microsecond)
		cmd.Process.Kill()
		cmd.Wait()
		for n := range lines {
			lastSaved = max(lastSaved, n)
		}
		s, err := Dir(dir)
		if err != nil {
			t.Fatalf("round %d: the collection does not open: %v", round, err)
		}
		ids, err := s.List()
		if err != nil || (lastSaved > 0 && (len(ids) != 1 || ids[0] != killedID)) {
			t.Fatalf("round %d: listed %v, %v", round, ids, err)
		}
		if len(ids) == 0 {
			continue // killed before its first save ended
		}
		b, _, err := s.Get(killedID)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		d, err := bonefile.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("round %d: the saved disc is damaged: %v", round, err)
		}
		got, _ := strconv.Atoi(strings.TrimPrefix(d.Params.Title, "save "))
		if got < lastSaved || got > lastSaved+1 {
			t.Fatalf("round %d: the disc holds save %d; the saver last finished save %d", round, got, lastSaved)
		}
		lastSaved = got
	}
	entries, _ := os.ReadDir(dir)
	t.Logf("300 kills mid-save: the disc holds save %d; %d files in the folder (killed saves' temporaries, cleaned once a minute old)", lastSaved, len(entries))
}
