package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

// The stylesheet, the scripts and the vendored front-end libraries
// (scripts/vendor-web) are embedded: the binary is the whole application.
//
//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded files at /static/<hash>/<name>, where
// hash is the start of the file's SHA-256: a file's URL changes when its
// content does, so browsers may keep it a year without asking again.
type staticFiles struct {
	files map[string]*staticFile // by name (app.css, vendor/htmx.min.js → "htmx.min.js"…)
}

type staticFile struct {
	name, hash, contentType string
	data                    []byte
}

func newStaticFiles() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]*staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			return nil // LICENSE, NOTICE, VERSIONS: in the source, not served
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		if _, dup := sf.files[name]; dup {
			return fmt.Errorf("web: two static files named %s", name)
		}
		sum := sha256.Sum256(data)
		sf.files[name] = &staticFile{name: name, hash: hex.EncodeToString(sum[:6]), contentType: ctype, data: data}
		return nil
	})
	return sf, err
}

// url is the cache-busting URL of the file named name; an unknown name is
// an error at start (views.go renders every view once).
func (sf *staticFiles) url(name string) (string, error) {
	f, ok := sf.files[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %s", name)
	}
	return "/static/" + f.hash + "/" + f.name, nil
}

func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := sf.files[r.PathValue("file")]
	if !ok || r.PathValue("hash") != f.hash {
		// an old page asking for a file that has changed since: not cached
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "404 文件不存在", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.data))
}
