package formfile

// Load returns the bytes of the file at path with the checks Read makes
// (it exists, is a file, is not empty, is within MaxSize), for callers that
// need the bytes as well as the forms: import hashes them, then calls Parse.
func Load(path string) ([]byte, error) { return load(path) }
