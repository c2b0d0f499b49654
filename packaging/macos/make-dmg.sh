#!/usr/bin/env bash
# Sign, package and notarise "Exposure Check.app" (built by packaging/build.py on macOS).
# Usage: packaging/macos/make-dmg.sh [dist/Exposure Check.app]
#
# Environment (all optional: without them you get an unsigned dmg for testing):
#   CODESIGN_IDENTITY   "Developer ID Application: Acme Ltd (TEAMID1234)"
#   NOTARY_PROFILE      a keychain profile made once with
#                       xcrun notarytool store-credentials NAME --apple-id … --team-id … --password …
#   DMG_NAME            output file name (default ExposureCheck-<version>.dmg)
# Steps: codesign every Mach-O inside-out with the hardened runtime → codesign the .app →
# make the dmg → sign the dmg → notarise (notarytool submit --wait) → staple → verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=${1:-"dist/Exposure Check.app"}
VERSION=$(python3 -c 'import exposure_check; print(exposure_check.__version__)')
DMG="dist/${DMG_NAME:-ExposureCheck-$VERSION.dmg}"
ENTITLEMENTS=packaging/macos/entitlements.plist

[[ -d $APP ]] || { echo "make-dmg: $APP not found; run packaging/build.py first" >&2; exit 1; }

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
  # Inside-out: libraries and helper executables first, the bundle last. No --deep (Apple advises
  # against it); --options runtime enables the hardened runtime that notarisation requires.
  find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' f; do
      if file "$f" | grep -q 'Mach-O'; then
        codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
          --sign "$CODESIGN_IDENTITY" "$f"
      fi
    done
  codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
    --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
else
  echo "make-dmg: CODESIGN_IDENTITY not set: the app and dmg stay unsigned (Gatekeeper will warn)" >&2
fi

rm -f "$DMG"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Exposure Check" -srcfolder "$staging" -ov -format UDZO "$DMG"

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
  if [[ -n ${NOTARY_PROFILE:-} ]]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
  else
    echo "make-dmg: NOTARY_PROFILE not set: signed but not notarised" >&2
  fi
fi
echo "make-dmg: $DMG"
