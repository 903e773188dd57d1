package web

// chart is the data of one ECharts chart, written into the page as a
// <script type="application/json"> block (data, not code: the CSP allows no
// inline script) that static/charts.js reads. Every chart on a page also
// has its numbers in a table next to it, which is its text alternative.
type chart struct {
	Kind       string        `json:"kind"` // bar (with line series), pie
	Title      string        `json:"title"`
	Categories []string      `json:"categories,omitempty"`
	Axes       []chartAxis   `json:"axes,omitempty"` // value axes: the first on the left, the second on the right
	Series     []chartSeries `json:"series"`
}

type chartAxis struct {
	Name string  `json:"name"`
	Max  float64 `json:"max,omitempty"`
}

// chartSeries is one series; Data holds numbers (nil: no value), or for a
// pie {name, value} pairs.
type chartSeries struct {
	Name  string `json:"name"`
	Kind  string `json:"kind,omitempty"`  // line; "" is the chart's kind
	Axis  int    `json:"axis,omitempty"`  // index in Axes
	Stack string `json:"stack,omitempty"` // series with the same stack are stacked
	Color string `json:"color,omitempty"` // met green, not met red…; "" ECharts' palette
	Data  []any  `json:"data"`
}

// pieSlice is one slice of a pie.
type pieSlice struct {
	Name  string `json:"name"`
	Value int    `json:"value"`
}
