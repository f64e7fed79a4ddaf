package project

import "sort"

// walkMet is what the walk of the mini program root met: the regular
// files it listed (in folders that are not symlinks), sorted, and at
// other paths what else it met (folders, symlinks, special files). A
// project of 100,000 files held a map entry for each (5 MB); a sorted
// list of the paths the walk's entries hold already takes 16 bytes a
// file.
type walkMet struct {
	files []string // sorted once the walk has listed the folders
	other map[string]uint8
}

func newWalkMet() *walkMet { return &walkMet{other: map[string]uint8{}} }

// at returns what the walk met at rel, and whether it met anything there.
func (m *walkMet) at(rel string) (uint8, bool) {
	if i := sort.SearchStrings(m.files, rel); i < len(m.files) && m.files[i] == rel {
		return metFile, true
	}
	k, ok := m.other[rel]
	return k, ok
}

// file reports whether the walk met a regular file at rel.
func (m *walkMet) file(rel string) bool {
	k, _ := m.at(rel)
	return k == metFile
}
