package jixiao

import (
	"context"
	"slices"
	"strings"
	"time"
)

// The shared record (issue 10): organisations, users and their roles, tasks,
// stored forms with their revisions and the review workflow. The rules here
// are pure; package store applies them inside each transaction.

// OrgKind is what an organisation is in the reporting chain.
type OrgKind string

// Organisation kinds.
const (
	OrgCentral    OrgKind = "central"    // 中央主管部门: sees everything, read-only
	OrgDepartment OrgKind = "department" // 地方主管部门: issues tasks, reviews, rolls up its region
	OrgUnit       OrgKind = "unit"       // 资金使用单位: fills its own forms
)

// Label is the Chinese name of the kind.
func (k OrgKind) Label() string {
	switch k {
	case OrgCentral:
		return "中央主管部门"
	case OrgDepartment:
		return "地方主管部门"
	case OrgUnit:
		return "资金使用单位"
	}
	return string(k)
}

// Valid reports whether k is one of the kinds.
func (k OrgKind) Valid() bool { return k == OrgCentral || k == OrgDepartment || k == OrgUnit }

// Region is a region of the national division list (GB/T 2260) as stored.
type Region struct {
	Code     string `json:"code"`      // 110105
	Name     string `json:"name"`      // 朝阳区
	Level    int    `json:"level"`     // 1 province, 2 city, 3 county (0: the nation)
	Parent   string `json:"parent"`    // 110100; "" for a root
	FullName string `json:"full_name"` // 北京市朝阳区
	// Path is the codes from the root down, each followed by "/"
	// (110000/110100/110105/): a region's subtree is every path it prefixes.
	Path string `json:"-"`
}

// Organisation is a department or a unit, in a region.
type Organisation struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Kind     OrgKind `json:"kind"`
	Region   string  `json:"region"`    // region code
	ParentID int64   `json:"parent_id"` // the department above (0: none); it issues tasks and reviews
}

// Role is what a user may do for an organisation.
type Role string

// Roles.
const (
	RoleFiller   Role = "filler"   // 单位填报人: fills and submits its unit's forms
	RoleReviewer Role = "reviewer" // 部门审核人: issues tasks, reviews, rolls up, for its department
	RoleViewer   Role = "viewer"   // 中央查看人: reads everything
	RoleAdmin    Role = "admin"    // 系统管理员: users, organisations, regions; not form content
)

// Label is the Chinese name of the role.
func (r Role) Label() string {
	switch r {
	case RoleFiller:
		return "单位填报人"
	case RoleReviewer:
		return "部门审核人"
	case RoleViewer:
		return "中央查看人"
	case RoleAdmin:
		return "系统管理员"
	}
	return string(r)
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	return r == RoleFiller || r == RoleReviewer || r == RoleViewer || r == RoleAdmin
}

// OrgKindFor is the kind of organisation a role is bound to ("" for admin,
// which may be bound to any).
func (r Role) OrgKindFor() OrgKind {
	switch r {
	case RoleFiller:
		return OrgUnit
	case RoleReviewer:
		return OrgDepartment
	case RoleViewer:
		return OrgCentral
	}
	return ""
}

// User is a person who signs in.
type User struct {
	ID       int64   `json:"id"`
	Username string  `json:"username"`
	Name     string  `json:"name"` // display name, 张三
	Disabled bool    `json:"disabled"`
	Grants   []Grant `json:"grants"`
}

// Grant binds a role to an organisation.
type Grant struct {
	Role       Role    `json:"role"`
	OrgID      int64   `json:"org_id"`
	OrgName    string  `json:"org_name"`
	OrgKind    OrgKind `json:"org_kind"`
	Region     string  `json:"region"`      // the organisation's region code
	RegionPath string  `json:"-"`           // its path (Region.Path)
	OrgParent  int64   `json:"org_parent"`  // the organisation's parent department
	RegionName string  `json:"region_name"` // its full name
}

// Actor is who does something: a signed-in user, or the operator of the
// command line (System), who acts with an administrator's and a reviewer's
// rights everywhere and is logged under the operating system's user name.
type Actor struct {
	UserID int64
	Name   string // shown in the log and in conflicts: 张三（zhangsan）
	Person string // the person's name alone (张三), for forms' 填表人
	System bool
	Grants []Grant
}

// SystemActor is the command-line operator.
func SystemActor(name string) *Actor {
	if strings.TrimSpace(name) == "" {
		name = "命令行"
	}
	return &Actor{Name: name, Person: name, System: true}
}

// Has reports whether the actor holds role for some organisation.
func (a *Actor) Has(role Role) bool { return holds(a.Grants, role) }

// Has reports whether the user holds one of roles for some organisation.
func (u *User) Has(roles ...Role) bool { return u != nil && holds(u.Grants, roles...) }

func holds(grants []Grant, roles ...Role) bool {
	for _, g := range grants {
		if slices.Contains(roles, g.Role) {
			return true
		}
	}
	return false
}

type actorKey struct{}

// NewContextWithActor returns ctx carrying a.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// FormKind says whether a stored form is a unit's own or a region's roll-up.
type FormKind string

// Form kinds.
const (
	FormUnit   FormKind = "unit"
	FormRegion FormKind = "region"
)

// FormStatus is where a stored form is in the review workflow:
// draft → submitted → returned → resubmitted → approved (locked).
type FormStatus string

// Form statuses.
const (
	StatusDraft       FormStatus = "draft"
	StatusSubmitted   FormStatus = "submitted"
	StatusReturned    FormStatus = "returned"
	StatusResubmitted FormStatus = "resubmitted"
	StatusApproved    FormStatus = "approved"
)

// Label is the Chinese name of the status.
func (s FormStatus) Label() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusSubmitted:
		return "已提交"
	case StatusReturned:
		return "已退回"
	case StatusResubmitted:
		return "已重新提交"
	case StatusApproved:
		return "已审核通过"
	}
	return string(s)
}

// Editable reports whether the form's owner may still change it.
func (s FormStatus) Editable() bool { return s == StatusDraft || s == StatusReturned }

// InReview reports whether the form waits for its reviewer.
func (s FormStatus) InReview() bool { return s == StatusSubmitted || s == StatusResubmitted }

// Program is a transfer-payment program (知识产权运营服务体系建设).
type Program struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Task is a department's request to the units under it to evaluate a
// program's year, by a deadline (下发自评任务).
type Task struct {
	ID          int64     `json:"id"`
	ProgramID   int64     `json:"program_id"`
	Program     string    `json:"program"`
	Year        int       `json:"year"`
	IssuerID    int64     `json:"issuer_id"` // the department
	Issuer      string    `json:"issuer"`
	Deadline    time.Time `json:"deadline"`
	FirstDue    time.Time `json:"first_deadline"` // the deadline as first issued: later is late
	CreatedAt   time.Time `json:"created_at"`
	ExpectedIDs []int64   `json:"expected"` // the units expected to report
}

// StoredForm is a form in the shared record: who it belongs to, where it is
// in the workflow, its current version and (when loaded) its document.
type StoredForm struct {
	ID          int64      `json:"id"`
	ProgramID   int64      `json:"program_id"`
	Program     string     `json:"program"`
	Year        int        `json:"year"`
	OrgID       int64      `json:"org_id"`
	Org         string     `json:"org"`
	Region      string     `json:"region"`      // code
	RegionName  string     `json:"region_name"` // full name
	RegionPath  string     `json:"-"`
	Kind        FormKind   `json:"kind"`
	Status      FormStatus `json:"status"`
	Version     int        `json:"version"`
	TaskID      int64      `json:"task_id,omitempty"`
	Errors      int        `json:"errors"`
	Warnings    int        `json:"warnings"`
	Budget      string     `json:"budget"`   // 全年预算数 of the total line, as stored (万元)
	Executed    string     `json:"executed"` // 全年执行数
	Rate        string     `json:"rate"`     // execution rate, %
	UpdatedAt   time.Time  `json:"updated_at"`
	UpdatedBy   string     `json:"updated_by"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	Hash        string     `json:"hash"` // SHA-256 of the current document

	Form *Form `json:"form,omitempty"` // the document, when loaded
}

// Revision is one saved version of a stored form.
type Revision struct {
	FormID  int64     `json:"form_id"`
	Version int       `json:"version"`
	Hash    string    `json:"hash"`
	Source  string    `json:"source,omitempty"` // the file it was imported from
	SavedBy string    `json:"saved_by"`
	SavedAt time.Time `json:"saved_at"`
}

// Comment is a remark on a form: a reviewer's reason for returning it, a
// reply, an approval note.
type Comment struct {
	ID        int64     `json:"id"`
	FormID    int64     `json:"form_id"`
	Version   int       `json:"version"`
	Author    string    `json:"author"`
	Kind      string    `json:"kind"` // comment | return | approve
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Scope is what access rules need to know about a stored form.
type Scope struct {
	OrgID, OrgParent int64 // owner and the department above it
	Kind             FormKind
	RegionPath       string
}

// CanSee reports whether a may read a form of scope s: the owner unit's
// fillers, reviewers whose region contains it, central viewers, the system.
func (a *Actor) CanSee(s Scope) bool {
	if a.System {
		return true
	}
	for _, g := range a.Grants {
		switch g.Role {
		case RoleViewer:
			return true
		case RoleFiller:
			if g.OrgID == s.OrgID {
				return true
			}
		case RoleReviewer:
			if g.OrgID == s.OrgID || strings.HasPrefix(s.RegionPath, g.RegionPath) {
				return true
			}
		}
	}
	return false
}

// CanEdit reports whether a may save (or submit) a form of scope s: a unit
// form by its unit's fillers, a region form by its department's reviewers;
// the system may import any form.
func (a *Actor) CanEdit(s Scope) bool {
	if a.System {
		return true
	}
	want := RoleFiller
	if s.Kind == FormRegion {
		want = RoleReviewer
	}
	for _, g := range a.Grants {
		if g.Role == want && g.OrgID == s.OrgID {
			return true
		}
	}
	return false
}

// CanReview reports whether a may return or approve a form of scope s: a
// unit form by the reviewers of the department above the unit; a region
// form by its own department's reviewers (a department approves its
// region's form once every expected unit form is approved).
func (a *Actor) CanReview(s Scope) bool {
	if a.System {
		return true
	}
	for _, g := range a.Grants {
		if g.Role != RoleReviewer {
			continue
		}
		if s.Kind == FormUnit && s.OrgParent != 0 && g.OrgID == s.OrgParent {
			return true
		}
		if s.Kind == FormRegion && g.OrgID == s.OrgID {
			return true
		}
	}
	return false
}
