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
	"time"

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

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/{hash}/{file}", s.static)

	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.limit(smallBody, s.loginSubmit))
	mux.HandleFunc("GET /logout", s.page(s.logoutPage))
	mux.HandleFunc("POST /logout", s.limit(smallBody, s.logout))
	mux.HandleFunc("GET /password", s.page(s.passwordPage))
	mux.HandleFunc("POST /password", s.limit(smallBody, s.page(s.passwordSubmit)))
	mux.HandleFunc("GET /{$}", s.page(s.home))
	mux.HandleFunc("GET /forms", s.page(s.forms))
	mux.HandleFunc("GET /forms/{id}", s.page(s.formPage))
	mux.HandleFunc("GET /forms/{id}/print", s.page(s.formPrint))
	mux.HandleFunc("GET /forms/{id}/download/{format}", s.page(s.formDownload))
	mux.HandleFunc("POST /forms/{id}/{action}", s.limit(smallBody, s.page(s.formAction)))
	// the form editor (edit*.go): live check, save and merge, row operations
	mux.HandleFunc("POST /forms/{id}/check", s.limit(editBody, s.page(s.editCheck)))
	mux.HandleFunc("POST /forms/{id}/save", s.limit(editBody, s.page(s.editSave)))
	mux.HandleFunc("POST /forms/{id}/rows", s.limit(editBody, s.page(s.editRows)))
	mux.HandleFunc("GET /reporting", s.page(s.reporting))
	// upload a form file (preview, then save) and new blank forms: upload*.go, newform.go
	mux.HandleFunc("GET /upload", s.page(s.uploadPage))
	mux.HandleFunc("POST /upload", s.limit(uploadBody, s.page(s.uploadPreviewPost)))
	mux.HandleFunc("POST /upload/save", s.limit(uploadBody, s.page(s.uploadSave)))
	mux.HandleFunc("GET /forms/new", s.page(s.newFormPage))
	mux.HandleFunc("POST /forms/new", s.limit(smallBody, s.page(s.newFormSubmit)))
	// department and central pages: roll-up (rollup.go), comparison of regions (compare.go)
	mux.HandleFunc("GET /rollup", s.page(s.rollupPage))
	mux.HandleFunc("POST /rollup", s.limit(smallBody, s.page(s.rollupGenerate)))
	mux.HandleFunc("GET /compare", s.page(s.compare))
	mux.HandleFunc("GET /compare/xlsx", s.page(s.compareXLSX))
	// the log and the administration of users, organisations and regions (administrators: log.go, admin*.go)
	mux.HandleFunc("GET /log", s.admin(s.logPage))
	mux.HandleFunc("POST /log/verify", s.limit(smallBody, s.admin(s.logVerify)))
	mux.HandleFunc("GET /admin", s.admin(s.adminHome))
	mux.HandleFunc("GET /admin/users", s.admin(s.adminUsers))
	mux.HandleFunc("POST /admin/users", s.limit(smallBody, s.admin(s.adminCreateUser)))
	mux.HandleFunc("GET /admin/users/{id}", s.admin(s.adminUserPage))
	mux.HandleFunc("POST /admin/users/{id}/{action}", s.limit(smallBody, s.admin(s.adminUserAction)))
	mux.HandleFunc("GET /admin/orgs", s.admin(s.adminOrgs))
	mux.HandleFunc("POST /admin/orgs", s.limit(smallBody, s.admin(s.adminCreateOrg)))
	mux.HandleFunc("GET /admin/regions", s.admin(s.adminRegions))
	mux.HandleFunc("POST /admin/regions/load", s.limit(smallBody, s.admin(s.adminLoadRegions)))

	mux.HandleFunc("POST /api/login", s.limit(smallBody, s.apiLogin))
	mux.HandleFunc("POST /api/logout", s.limit(smallBody, s.apiLogout))
	mux.HandleFunc("GET /api/forms", s.api(s.apiForms))
	mux.HandleFunc("GET /api/forms/{id}", s.api(s.apiForm))
	mux.HandleFunc("POST /api/check", s.limit(uploadBody, s.api(s.apiCheck)))
	mux.HandleFunc("PUT /api/forms/{id}", s.limit(uploadBody, s.api(s.apiSave)))
	mux.HandleFunc("POST /api/forms/{id}/{action}", s.limit(smallBody, s.api(s.apiAction)))
	mux.HandleFunc("/", s.unmatched(mux))
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
