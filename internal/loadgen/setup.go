package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

// login signs username in through POST /api/login and returns the session
// cookie as a Cookie header.
func login(ctx context.Context, hc *http.Client, target, username, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	resp, err := send(ctx, hc, http.MethodPost, target+"/api/login", "", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	if resp.code != http.StatusOK {
		return "", fmt.Errorf("%s 登录失败：%d %s", username, resp.code, resp.body)
	}
	for _, c := range resp.cookies {
		if strings.HasSuffix(c.Name, "jixiao_session") && c.Value != "" {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("%s 登录后没有会话 Cookie", username)
}

// prepare signs account in on target and returns its unit's forms, after
// creating editable ones until the unit has at least want.
func prepare(ctx context.Context, hc *http.Client, target, account, password string, want int) (*unit, error) {
	cookie, err := login(ctx, hc, target, account, password)
	if err != nil {
		return nil, err
	}
	get := func(path string, v any) error {
		resp, err := send(ctx, hc, http.MethodGet, target+path, cookie, "", nil)
		if err != nil {
			return err
		}
		if resp.code != http.StatusOK {
			return fmt.Errorf("%s: GET %s: %d %s", account, path, resp.code, resp.body)
		}
		return json.Unmarshal(resp.body, v)
	}
	var list struct{ Forms []storedForm }
	if err := get("/api/forms?limit=1000&kind=unit", &list); err != nil {
		return nil, err
	}
	if len(list.Forms) == 0 {
		return nil, fmt.Errorf("%s 的单位没有自评表：请在载入了演示数据（jixiao serve --demo）的数据库上运行", account)
	}
	editable := 0
	year := 0
	for _, f := range list.Forms {
		if f.editable() {
			editable++
		}
		year = max(year, f.Year)
	}
	if editable < want {
		var model storedForm
		if err := get("/api/forms/"+strconv.FormatInt(list.Forms[0].ID, 10), &model); err != nil {
			return nil, err
		}
		for ; editable < want; editable++ {
			year++
			if err := create(ctx, hc, target, cookie, model, year); err != nil {
				return nil, fmt.Errorf("%s: %v", account, err)
			}
		}
		if err := get("/api/forms?limit=1000&kind=unit", &list); err != nil {
			return nil, err
		}
	}
	u := &unit{}
	for _, f := range list.Forms {
		u.all = append(u.all, f.ID)
		if !f.editable() {
			continue
		}
		var full storedForm
		if err := get("/api/forms/"+strconv.FormatInt(f.ID, 10), &full); err != nil {
			return nil, err
		}
		doc, err := readForm(full.Form)
		if err != nil {
			return nil, fmt.Errorf("%s: form %d: %v", account, f.ID, err)
		}
		u.editable = append(u.editable, &edited{id: f.ID, version: full.Version, form: doc, editableNow: true})
	}
	return u, nil
}

// create makes a form of model's unit and program for year as a user
// would: 新建自评表 (POST /forms/new), then the model's content, for that
// year, saved on it (PUT /api/forms/{id}?version=1).
func create(ctx context.Context, hc *http.Client, target, cookie string, model storedForm, year int) error {
	v := url.Values{"program": {model.Program}, "year": {strconv.Itoa(year)}, "org": {strconv.FormatInt(model.OrgID, 10)}}
	resp, err := send(ctx, hc, http.MethodPost, target+"/forms/new", cookie, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	if err != nil {
		return err
	}
	loc := resp.header.Get("Location")
	id, _, _ := strings.Cut(strings.TrimPrefix(loc, "/forms/"), "?")
	if resp.code != http.StatusSeeOther || !strings.HasPrefix(loc, "/forms/") {
		return fmt.Errorf("新建 %d 年度自评表：%d %s", year, resp.code, resp.body)
	}
	f, err := readForm(model.Form)
	if err != nil {
		return err
	}
	old := strconv.Itoa(f.Year)
	f.Year = year
	f.Title = strings.ReplaceAll(f.Title, old, strconv.Itoa(year))
	f.YearText = strings.ReplaceAll(f.YearText, old, strconv.Itoa(year))
	var body bytes.Buffer
	if err := jsonform.Write(&body, []*jixiao.Form{f}); err != nil {
		return err
	}
	resp, err = send(ctx, hc, http.MethodPut, target+"/api/forms/"+id+"?version=1", cookie, "application/json", &body)
	if err != nil {
		return err
	}
	if resp.code != http.StatusOK {
		return fmt.Errorf("保存新建的自评表 %s：%d %s", id, resp.code, resp.body)
	}
	return nil
}

type answer struct {
	code    int
	header  http.Header
	cookies []*http.Cookie
	body    []byte
}

// send is one request of the preparation, read whole.
func send(ctx context.Context, hc *http.Client, method, u, cookie, contentType string, body io.Reader) (*answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &answer{code: resp.StatusCode, header: resp.Header, cookies: resp.Cookies(), body: data}, nil
}
