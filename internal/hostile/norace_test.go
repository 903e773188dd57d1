//go:build !race

package hostile

// raceEnabled: the race detector slows the generators ten times and more.
const raceEnabled = false
