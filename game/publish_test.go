package game

import (
	"reflect"
	"testing"
)

// Every field of State is published under a json key, and no two share one:
// the page and the tests find each value by that name.
func TestEveryStateFieldIsPublished(t *testing.T) {
	seen := map[string]string{}
	st := reflect.TypeFor[State]()
	for i := range st.NumField() {
		f := st.Field(i)
		key := jsonKey(f)
		if key == "" {
			t.Errorf("State.%s has no json key: the page would not see it", f.Name)
			continue
		}
		if other, dup := seen[key]; dup {
			t.Errorf("State.%s and State.%s are both published as %q", f.Name, other, key)
		}
		seen[key] = f.Name
		switch f.Type.Kind() {
		case reflect.Int, reflect.Int64, reflect.Float64, reflect.Bool, reflect.String:
		case reflect.Slice:
			if f.Type.Elem() != reflect.TypeFor[Button]() {
				t.Errorf("State.%s is a slice of %v: the publisher only knows buttons", f.Name, f.Type.Elem())
			}
		default:
			t.Errorf("State.%s is a %v: the publisher only knows numbers, booleans, strings and buttons", f.Name, f.Type)
		}
	}
}
