package layout

import jixiao "github.com/jixiao/jixiao"

// Forms finds the self-evaluation forms in a document.
func Forms(doc *Document) ([]*jixiao.Form, error) {
	return nil, jixiao.Invalid("%s：尚未实现", doc.Name)
}
