package hanzi

import "testing"

// isTraditional tells every rune as the table does: the runes it maps, and
// no other (negative and past-Unicode values included).
func TestIsTraditionalEveryRune(t *testing.T) {
	for r := rune(-2); r <= 0x110000; r++ {
		_, mapped := simplifiedOf[r]
		if want := mapped && r >= 0x4E00 && r < 0xA000; isTraditional(r) != want {
			t.Fatalf("isTraditional(%U) = %v, want %v", r, !want, want)
		}
	}
}
