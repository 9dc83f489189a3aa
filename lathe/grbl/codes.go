package grbl

import "fmt"

// errorTexts say, for an exhibition technician, what grbl 1.1's error codes
// mean and what to check (numbering per grbl 1.1's documentation; the
// wording is ours).
var errorTexts = map[int]string{
	1:  "a G-code word has no letter",
	2:  "a number is missing or malformed",
	3:  "grbl does not know this $ command",
	4:  "a value that must be positive is negative",
	5:  "homing is not enabled in the settings",
	6:  "the step pulse must be longer than 3 µs",
	7:  "the settings memory could not be read; defaults were restored: check the settings",
	8:  "this $ command needs the machine idle",
	9:  "G-code is locked while the machine is in alarm or jogging: clear the alarm first",
	10: "soft limits need homing enabled",
	11: "the line is longer than grbl accepts (80 characters) and was not run",
	12: "this setting would need a step rate above 30 kHz",
	13: "the safety door is open",
	14: "the line is too long to store",
	15: "the jog would leave the machine's travel and was ignored",
	16: "the jog command is malformed",
	17: "laser mode needs PWM spindle output",
	20: "unsupported G-code command",
	21: "two commands of the same modal group in one line",
	22: "no feed rate set",
	23: "a G-code command needs a whole number",
	24: "two commands in one line both need axis words",
	25: "a G-code word is repeated in the line",
	26: "a command needs axis words and has none",
	27: "the line number is invalid",
	28: "a command is missing a value it needs",
	29: "G59.x work coordinates are not supported",
	30: "G53 works only with G0 and G1",
	31: "axis words in a line no command uses",
	32: "an arc needs an axis word in its plane",
	33: "the motion target is invalid",
	34: "the arc radius is invalid",
	35: "an arc needs an offset in its plane",
	36: "unused value words in the line",
	37: "the tool length offset is not on the configured axis",
	38: "the tool number is above the maximum",
}

// alarmTexts likewise for the alarm codes. After any alarm the position
// may be wrong and grbl locks G-code until it is cleared ($X) or homed
// ($H); the lathe never clears one by itself.
var alarmTexts = map[int]string{
	1: "a hard limit switch tripped: the carriage hit the end of its travel; check the film and the carriage, then re-home",
	2: "a move would leave the configured travel (soft limit); the position is kept",
	3: "reset while moving: the position may be lost; re-home before cutting",
	4: "probe was not in the expected state before probing",
	5: "probe made no contact within its travel",
	6: "homing was interrupted by a reset",
	7: "the safety door opened during homing",
	8: "homing could not pull off the limit switch: check its wiring or the pull-off setting",
	9: "homing found no limit switch within its search distance: check the wiring",
}

// ErrorText says what error N means.
func ErrorText(n int) string {
	if t, ok := errorTexts[n]; ok {
		return t
	}
	return fmt.Sprintf("unknown error %d (not a grbl 1.1 code)", n)
}

// AlarmText says what alarm N means.
func AlarmText(n int) string {
	if t, ok := alarmTexts[n]; ok {
		return t
	}
	return fmt.Sprintf("unknown alarm %d (not a grbl 1.1 code)", n)
}
