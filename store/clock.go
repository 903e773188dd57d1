package store

import "time"

// chinaTime is China Standard Time (UTC+8, no daylight saving), in which
// users read times and deadlines fall. A fixed zone: the machine may lack
// the time zone database (Windows, minimal images).
var chinaTime = time.FixedZone("CST", 8*3600)

// ChinaTime is the zone users read times in.
func ChinaTime() *time.Location { return chinaTime }
