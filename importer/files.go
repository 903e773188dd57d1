package importer

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Extensions are the file types a folder is searched for: the formats
// jixiao reads, and the old binary ones it converts with LibreOffice when
// that is installed.
var Extensions = []string{".docx", ".xlsx", ".txt", ".json", ".doc", ".xls", ".wps", ".et"}

// Files lists the files to import from paths: a file as it is (whatever
// its type: reading it says what is wrong), a folder searched through with
// its sub-folders for files of Extensions, in name order. Hidden files and
// folders and Office's lock files (~$报告.docx) are left out, and a file
// named twice is imported once.
func Files(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil || !st.IsDir() {
			add(root) // reading it reports what is wrong
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return jixiao.Invalid("%s：无法读取目录（%v），请检查权限", p, err)
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && wanted(name) {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func wanted(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}
