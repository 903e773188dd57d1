package cli

// SetCheckWorkers sets how many files jixiao check reads at once (0: every
// core) and returns a function that restores the previous value.
func SetCheckWorkers(n int) (restore func()) {
	old := checkWorkers
	checkWorkers = n
	return func() { checkWorkers = old }
}
