// Package mediasize defines the media-size rule.
//
// # Rule media-size
//
// media-size: the project's images and audio add up to 200 KB or more
//
// WeChat DevTools' code-quality panel advises (IMAGE_AND_AUDIO_LIMIT,
// level 2 建议) keeping images and audio out of the code package: load
// them from a CDN. Its text, and the community guide it links
// («小程序性能优化指南», developers.weixin.qq.com/community/develop/doc/
// 00040e5a0846706e893dcc24256009), speak of each file under 200 KB, but
// its code adds up the sizes of all of them, in every package, and fails
// unless the sum is under 200 KB (miniprogram-ci 2.1.42,
// dist/ci/checkCodeQuality.js, caculateResourceFileSize). This rule
// follows the code.
//
// The files counted are those its code analyser lists (see
// package-source-size: on disk under the mini program root, outside
// node_modules, packOptions.ignore not applied) with one of the check's 18
// extensions: .jpg .jpeg .png .svg .webp .gif .flac .m4a .ogg .ape .amr
// .wma .wav .mp3 .mp4 .aac .aiff .caf. Extensions are compared
// case-sensitively, and the analyser lists only the upload whitelist's
// types, so .webp, .flac, .ape, .amr, .wma, .aiff and .caf files never
// count (WeChat does not upload them either). 200 KB is 204,800 bytes.
//
// The finding is one, for the whole project, at the start of
// project.config.json (app.json when there is none), and names the
// largest files.
//
// Default severity: warning
//
// # Bad
//
//	images/banner.png     160 KB
//	audio/ding.mp3         60 KB
//
// # Good
//
//	images/icon.png         4 KB  (the banner and the sound load from a CDN)
package mediasize
