// Command mkdist makes the folder a web server serves (see
// bonemusic/internal/dist), or with -dev completes web/ itself:
//
//	go run ./web/mkdist [-web web] [-out dist]
//	go run ./web/mkdist -dev [-web web]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"bonemusic/internal/dist"
)

func main() {
	web := flag.String("web", "web", "source folder, after `make wasm`")
	out := flag.String("out", "dist", "folder to make (replaced as a whole)")
	dev := flag.Bool("dev", false, "write build.json, manifest and icons into the source folder instead")
	flag.Parse()

	if *dev {
		if _, err := dist.Dev(*web); err != nil {
			fmt.Fprintln(os.Stderr, "mkdist:", err)
			os.Exit(1)
		}
		return
	}
	info, err := dist.Build(*web, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkdist:", err)
		os.Exit(1)
	}
	var total int64
	filepath.WalkDir(*out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if st, err := d.Info(); err == nil {
				total += st.Size()
			}
		}
		return nil
	})
	br, _ := os.Stat(filepath.Join(*out, info.Wasm+".br"))
	fmt.Printf("%s: release %s, %d files, %.2f MB in all; %s is %.2f MB, %.2f MB as brotli\n",
		*out, info.Version, len(info.Files), float64(total)/1e6, info.Wasm, float64(info.Size)/1e6, float64(br.Size())/1e6)
}
