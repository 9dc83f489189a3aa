//go:build !js

package cli

import (
	"encoding/json"
	"flag"
	"math"

	"bonemusic/engine"
	"bonemusic/engine/bonefile"
)

// discInfo is what `bonemusic info` prints. Field names are stable: scripts
// and classroom notebooks read them.
type discInfo struct {
	File             string         `json:"file"`
	Params           paramsInfo     `json:"params"`
	Cut              cutInfo        `json:"cut"`
	CapacitySeconds  float64        `json:"capacity_seconds"`
	ProgrammeSeconds float64        `json:"programme_seconds"`
	Plays            int            `json:"plays"`
	PlaysByPickup    map[string]int `json:"plays_by_pickup"`
	Skips            int            `json:"skips"`
	Wear             wearInfo       `json:"wear"`
	History          []playInfo     `json:"history"`
}

type paramsInfo struct {
	DiameterMM      float64 `json:"diameter_mm"`
	RPM             float64 `json:"rpm"`
	LPI             float64 `json:"lpi"`
	VariablePitch   bool    `json:"variable_pitch"`
	MinPitchMM      float64 `json:"min_pitch_mm"` // the closest turns (the nominal pitch unless variable)
	StartRadiusMM   float64 `json:"start_radius_mm"`
	EndRadiusMM     float64 `json:"end_radius_mm"`
	EccentricityMM  float64 `json:"eccentricity_mm"`
	EccentricityRad float64 `json:"eccentricity_rad"`
	Material        string  `json:"material"`
	Film            string  `json:"film"`
	Seed            uint64  `json:"seed"`
	Title           string  `json:"title,omitempty"`
}

type cutInfo struct {
	Characteristic string  `json:"characteristic"`
	TurnoverHz     float64 `json:"turnover_hz"`
	CutterHz       float64 `json:"cutter_hz"`
	LevelDB        float64 `json:"level_db"`
	Hot            bool    `json:"hot"`
}

// wearInfo summarises the programme's wear cells.
type wearInfo struct {
	Mean            float64  `json:"mean"` // 0 fresh … 1 worn through
	Max             float64  `json:"max"`
	WornShare       float64  `json:"worn_share"` // share of the groove worn past 0.5
	FreshWallUM     float64  `json:"fresh_wall_um"`
	MeanWallUM      float64  `json:"mean_wall_um"`
	MinWallUM       float64  `json:"min_wall_um"`
	MeanRoughnessUM float64  `json:"mean_roughness_um"`
	SkipMarks       int      `json:"skip_marks"`
	LastFidelityDB  *float64 `json:"last_fidelity_db"` // null before the first measured play
}

type playInfo struct {
	Pickup     string   `json:"pickup"`
	RPM        float64  `json:"rpm"`
	Seconds    float64  `json:"seconds"`
	Skips      int      `json:"skips"`
	FidelityDB *float64 `json:"fidelity_db"` // null when the play was too quiet to measure
}

func runInfo(e *env) error {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	args, err := parse(fs, e.args, 1, "the disc file to describe")
	if err != nil {
		return err
	}
	d, err := bonefile.ReadFile(args[0])
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(describe(args[0], d))
}

func describe(file string, d *engine.Disc) discInfo {
	p := d.Params
	info := discInfo{
		File: file,
		Params: paramsInfo{
			DiameterMM: p.DiameterMM, RPM: p.RPM, LPI: p.LPI, VariablePitch: p.VariablePitch, MinPitchMM: round3(d.MinPitchMM()), StartRadiusMM: p.StartRadiusMM, EndRadiusMM: p.EndRadiusMM,
			EccentricityMM: p.EccentricityMM, EccentricityRad: p.EccentricityRad, Material: p.Material.String(),
			Film: p.Film, Seed: p.Seed, Title: p.Title,
		},
		Cut: cutInfo{
			Characteristic: d.Cut.Characteristic.String(), TurnoverHz: d.Cut.TurnoverHz, CutterHz: d.Cut.CutterHz,
			LevelDB: d.Cut.LevelDB, Hot: d.Cut.Hot,
		},
		CapacitySeconds:  round3(p.Capacity()),
		ProgrammeSeconds: round3(d.ProgrammeSeconds()),
		Plays:            d.Plays(),
		PlaysByPickup:    map[string]int{},
		History:          []playInfo{},
		Wear:             summariseWear(d),
	}
	for _, h := range d.History() {
		info.PlaysByPickup[h.Pickup]++
		info.Skips += h.Skips
		pi := playInfo{Pickup: h.Pickup, RPM: h.RPM, Seconds: round3(h.Seconds), Skips: h.Skips}
		if h.Frames > 0 && !math.IsNaN(h.FidelityDB) && !math.IsInf(h.FidelityDB, 0) {
			f := round3(h.FidelityDB)
			pi.FidelityDB = &f
			info.Wear.LastFidelityDB = &f
		}
		info.History = append(info.History, pi)
	}
	return info
}

func summariseWear(d *engine.Disc) wearInfo {
	w := wearInfo{FreshWallUM: d.GrooveWidthUM() / 2, MinWallUM: math.Inf(1)}
	cells := 0
	worn := 0
	for i := d.ProgrammeStart(); i < d.ProgrammeEnd(); i += engine.BlockSize {
		wear := d.Wear(i)
		wall := d.WallHeightUM(i)
		w.Mean += wear
		w.Max = max(w.Max, wear)
		w.MeanWallUM += wall
		w.MinWallUM = min(w.MinWallUM, wall)
		w.MeanRoughnessUM += d.RoughnessUM(i)
		if wear > 0.5 {
			worn++
		}
		cells++
	}
	if cells == 0 {
		w.MinWallUM = w.FreshWallUM
		w.MeanWallUM = w.FreshWallUM
	} else {
		w.Mean /= float64(cells)
		w.MeanWallUM /= float64(cells)
		w.MeanRoughnessUM /= float64(cells)
		w.WornShare = float64(worn) / float64(cells)
	}
	for _, m := range d.Marks() {
		if m.Kind == engine.MarkSkip {
			w.SkipMarks++
		}
	}
	w.Mean, w.Max, w.WornShare = round3(w.Mean), round3(w.Max), round3(w.WornShare)
	w.FreshWallUM, w.MeanWallUM, w.MinWallUM = round3(w.FreshWallUM), round3(w.MeanWallUM), round3(w.MinWallUM)
	w.MeanRoughnessUM = round3(w.MeanRoughnessUM)
	return w
}

// round3 keeps three decimals: enough for people, stable for diffs.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
