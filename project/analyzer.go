package project

import (
	"errors"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Analyzer is the base analyzer every rule requires to reach the project
// model. Its result is provided by the driver, which loads the project once
// before any rule runs (as go/analysis drivers provide the type-checked
// package): loading needs the command line (the directory, the options), which
// a Pass does not carry.
var Analyzer = &analysis.Analyzer{
	Name:       "project",
	Doc:        "provides the loaded mini program project (files, packages, pages, components)",
	ResultType: reflect.TypeOf((*Project)(nil)),
	Run: func(*analysis.Pass) (any, error) {
		return nil, errors.New("project.Analyzer is provided by the driver, not run")
	},
}

// Of returns the project of a pass whose analyzer requires Analyzer.
func Of(pass *analysis.Pass) *Project { return pass.ResultOf[Analyzer].(*Project) }
