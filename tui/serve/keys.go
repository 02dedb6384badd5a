package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"github.com/flywheel-dev/flywheel/data/saved"
	"github.com/flywheel-dev/flywheel/engine"
	"github.com/flywheel-dev/flywheel/internal/safefile"
)

// maxKeysBytes bounds the authorised keys file: a few thousand keys, far beyond any team.
const maxKeysBytes = 4 << 20

// identity is who a key belongs to: its authorized_keys comment, else its fingerprint. folder is
// its folder of saved scenarios under --store: the comment when it is a valid saved name (so an
// administrator can tell the folders apart), else the fingerprint in URL-safe form.
type identity struct {
	name, fingerprint, folder string
}

func newIdentity(pub gossh.PublicKey, comment string) identity {
	fp := gossh.FingerprintSHA256(pub)
	id := identity{name: engine.Printable(strings.TrimSpace(comment)), fingerprint: fp}
	if id.name == "" {
		id.name = fp
	}
	id.folder = id.name
	if saved.CheckName(id.folder) != nil {
		sum, _ := strings.CutPrefix(fp, "SHA256:")
		raw, _ := base64.RawStdEncoding.DecodeString(sum)
		id.folder = "key-" + base64.RawURLEncoding.EncodeToString(raw)
	}
	return id
}

// parseAuthorizedKeys reads an OpenSSH authorized_keys file once. A line that is not a key is
// reported with its line number and skipped: one typo must not lock out the keys after it (as
// it does when Wish reads the file itself). Options on a line (from=, command=) are not
// enforced, so a line that has any is refused too rather than trusted more widely than written.
func parseAuthorizedKeys(path string) (keys map[string]identity, bad []error, err error) {
	text, err := safefile.Read(path, maxKeysBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("--authorized-keys %s: no such file", engine.Shown(path))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("--authorized-keys: %w", err)
	}
	keys = map[string]identity{}
	for i, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		pub, comment, opts, _, perr := gossh.ParseAuthorizedKey([]byte(line))
		switch {
		case perr != nil:
			bad = append(bad, fmt.Errorf("%s:%d: not a public key (%v); line skipped", engine.Shown(path), i+1, perr))
		case len(opts) > 0:
			bad = append(bad, fmt.Errorf("%s:%d: key options (%s) are not supported; line skipped", engine.Shown(path), i+1, engine.Shown(strings.Join(opts, ","))))
		default:
			keys[string(pub.Marshal())] = newIdentity(pub, comment)
		}
	}
	return keys, bad, nil
}

// DefaultHostKey is where the host key lives unless --host-key says otherwise:
// $XDG_DATA_HOME/flywheel/host_ed25519, else ~/.local/share/flywheel/host_ed25519.
func DefaultHostKey(getenv func(string) string) (string, error) {
	dir, err := saved.Dir(getenv) // …/flywheel/scenarios
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "host_ed25519"), nil
}

// loadHostKey reads the server's private key, creating an ed25519 key 0600 when there is none.
// Missing folders are created 0700; an existing folder keeps its mode (Wish's own loader chmods
// it). A key that group or others can read is refused: anyone who reads it can pose as this
// server.
func loadHostKey(path string) (gossh.Signer, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("--host-key %s: mode %04o lets others read the server's private key; chmod 600 it", engine.Shown(path), perm)
	}
	text, err := safefile.Read(path, 64<<10)
	if err != nil {
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(text)
	if err != nil {
		return nil, fmt.Errorf("--host-key %s: not an unencrypted OpenSSH private key: %v", engine.Shown(path), err)
	}
	return signer, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "flywheel host key")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	_, err = f.Write(pem.EncodeToMemory(block))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("--host-key: %w", err)
	}
	return gossh.NewSignerFromKey(priv)
}
