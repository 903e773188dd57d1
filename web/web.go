// Package web is jixiao's web application and JSON API (issue 11): pages
// rendered on the server in Chinese from embedded templates, static files
// embedded with content-hashed URLs, sessions and login throttling kept by
// the store. Handlers only call the service layer (package store); they
// never run SQL and never call the command line's code.
//
// One small file per concern: routes here, security.go (headers,
// cross-origin protection, body limits), session.go (cookies, who is
// signed in), errors.go (the one map from error kinds to HTTP statuses),
// views.go and static.go (templates and files), then the handlers, one file
// per page or endpoint.
package web

import (
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// Options configure the application.
type Options struct {
	// Secure: the server is reached over TLS, so cookies are marked Secure
	// and browsers are told to keep to HTTPS.
	Secure bool
	// Login is the session and throttling policy (zero: store.DefaultLoginPolicy).
	Login store.LoginPolicy
	// Logger receives internal errors (nil: slog.Default()).
	Logger *slog.Logger
}

// Server is the web application: an http.Handler.
type Server struct {
	store   *store.Store
	opts    Options
	log     *slog.Logger
	views   *views
	static  *staticFiles
	handler http.Handler
	// checks bounds the uploads being read and checked at once (CPU-bound
	// work of up to MaxFileSize each; checkSlots): the others wait their turn.
	checks chan struct{}
	// uploads bounds the requests holding an upload in memory, and those
	// waiting to (upload_read.go).
	uploads *uploadGate
	// chain is the last verification of the log's chain (log.go).
	chain chainCache
	// sheets are form sheets rendered, by version (sheetcache.go).
	sheets cache[sheetKey, *renderedSheet]
	// documents are stored forms decoded, by hash (cache.go: document):
	// read-only, shared by every request.
	documents cache[string, *jixiao.Form]
	// patterns are the routes' patterns as registered (Routes).
	patterns []string
}

// New builds the application over s. Every template is parsed and every
// view checked here, so a broken template stops the server at start, not a
// user in the middle of their work.
func New(s *store.Store, opts Options) (*Server, error) {
	if opts.Login == (store.LoginPolicy{}) {
		opts.Login = store.DefaultLoginPolicy()
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	slots := checkSlots(runtime.GOMAXPROCS(0))
	srv := &Server{store: s, opts: opts, log: opts.Logger, checks: make(chan struct{}, slots), uploads: newUploadGate(slots)}
	var err error
	if srv.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	if srv.views, err = parseViews(srv.static); err != nil {
		return nil, err
	}
	srv.handler = srv.routes()
	return srv, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes lists the pattern of every route the application serves
// ("GET /forms/{id}": method and path, as http.ServeMux reads them), in the
// order registered, without the catch-all that answers any other address
// with 404 or 405. The permissions test (permissions_test.go) checks that
// each has a row in its table of who may do what.
func (s *Server) Routes() []string { return slices.Clone(s.patterns) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// handle registers a route and records its pattern for Routes.
	handle := func(pattern string, h http.HandlerFunc) {
		mux.HandleFunc(pattern, h)
		s.patterns = append(s.patterns, pattern)
	}
	handle("GET /static/{hash}/{file}", s.static.ServeHTTP)

	handle("GET /login", s.loginPage)
	handle("POST /login", s.limit(smallBody, s.loginSubmit))
	handle("GET /logout", s.page(s.logoutPage))
	handle("POST /logout", s.limit(smallBody, s.logout))
	handle("GET /password", s.page(s.passwordPage))
	handle("POST /password", s.limit(smallBody, s.page(s.passwordSubmit)))
	handle("GET /{$}", s.page(s.home))
	handle("GET /forms", s.page(s.forms))
	handle("GET /forms/{id}", s.page(s.formPage))
	handle("GET /forms/{id}/print", s.page(s.formPrint))
	handle("GET /forms/{id}/download/{format}", s.page(s.formDownload))
	handle("POST /forms/{id}/{action}", s.limit(smallBody, s.page(s.formAction)))
	// the form editor (edit*.go): live check, save and merge, row operations
	handle("POST /forms/{id}/check", s.limit(editBody, s.page(s.editCheck)))
	handle("POST /forms/{id}/save", s.limit(editBody, s.page(s.editSave)))
	handle("POST /forms/{id}/rows", s.limit(editBody, s.page(s.editRows)))
	handle("GET /reporting", s.page(s.reporting))
	// upload a form file (preview, then save) and new blank forms: upload*.go, newform.go
	handle("GET /upload", s.page(s.uploadPage))
	handle("POST /upload", s.limit(uploadBody, s.page(s.uploadPreviewPost)))
	handle("POST /upload/save", s.limit(uploadBody, s.page(s.uploadSave)))
	handle("GET /forms/new", s.page(s.newFormPage))
	handle("POST /forms/new", s.limit(smallBody, s.page(s.newFormSubmit)))
	// department and central pages: roll-up (rollup.go), comparison of regions (compare.go)
	handle("GET /rollup", s.page(s.rollupPage))
	handle("POST /rollup", s.limit(smallBody, s.page(s.rollupGenerate)))
	handle("GET /compare", s.page(s.compare))
	handle("GET /compare/xlsx", s.page(s.compareXLSX))
	// the log and the administration of users, organisations and regions (administrators: log.go, admin*.go)
	handle("GET /log", s.admin(s.logPage))
	handle("POST /log/verify", s.limit(smallBody, s.admin(s.logVerify)))
	handle("GET /admin", s.admin(s.adminHome))
	handle("GET /admin/users", s.admin(s.adminUsers))
	handle("POST /admin/users", s.limit(smallBody, s.admin(s.adminCreateUser)))
	handle("GET /admin/users/{id}", s.admin(s.adminUserPage))
	handle("POST /admin/users/{id}/{action}", s.limit(smallBody, s.admin(s.adminUserAction)))
	handle("GET /admin/orgs", s.admin(s.adminOrgs))
	handle("POST /admin/orgs", s.limit(smallBody, s.admin(s.adminCreateOrg)))
	handle("GET /admin/regions", s.admin(s.adminRegions))
	handle("POST /admin/regions/load", s.limit(smallBody, s.admin(s.adminLoadRegions)))

	handle("POST /api/login", s.limit(smallBody, s.apiLogin))
	handle("POST /api/logout", s.limit(smallBody, s.apiLogout))
	handle("GET /api/forms", s.api(s.apiForms))
	handle("GET /api/forms/{id}", s.api(s.apiForm))
	handle("POST /api/check", s.limit(uploadBody, s.api(s.apiCheck)))
	handle("PUT /api/forms/{id}", s.limit(uploadBody, s.api(s.apiSave)))
	handle("POST /api/forms/{id}/{action}", s.limit(smallBody, s.api(s.apiAction)))
	mux.HandleFunc("/", s.unmatched(mux)) // every other address: 404 or 405, not a route
	return s.secure(mux)
}

// HTTPServer is an http.Server for the application at addr, with timeouts
// that keep slow or idle clients from holding connections: headers within
// 10 s, a whole request (an upload of up to 20 MB over a slow intranet link)
// within 2 minutes, an answer within 2 minutes.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
