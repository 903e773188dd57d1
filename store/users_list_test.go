package store_test

import (
	"reflect"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Users lists every user with the roles User gives them (one of them with
// two roles, one with none), for administrators only.
func TestUsersList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		admin := storetest.As(w.Admin)
		if err := s.Grant(admin, "zy_a", jixiao.RoleFiller, w.UnitB.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(admin, store.NewUser{Username: "nobody", Password: "long-enough-1"}); err != nil {
			t.Fatal(err)
		}
		users, err := s.Users(admin)
		if err != nil || len(users) != 9 {
			t.Fatalf("%d users, %v", len(users), err)
		}
		for i, u := range users {
			one, err := s.User(admin, u.ID)
			if err != nil || !reflect.DeepEqual(u, one) || (i > 0 && users[i-1].ID >= u.ID) {
				t.Errorf("Users gives %+v, User %+v (%v)", u, one, err)
			}
		}
		if len(users[1].Grants) != 2 || users[8].Grants != nil {
			t.Errorf("grants: %+v, %+v", users[1].Grants, users[8].Grants)
		}
		if _, err := s.Users(storetest.As(w.RevBeijing)); jixiao.KindOf(err) != jixiao.KindForbidden {
			t.Errorf("a reviewer lists users: %v", err)
		}
	})
}
