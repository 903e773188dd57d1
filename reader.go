package jixiao

// FormReader reads the forms held in one file of one format. A file may hold
// several forms (one per project in a Word document, one per sheet in a
// workbook). Name is the file name, used in messages. Readers return an
// *Error of KindInvalid, with a Chinese message, for input they cannot read.
type FormReader interface {
	ReadForms(name string, data []byte) ([]*Form, error)
}
