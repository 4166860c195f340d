// Stands in for docker-modem's lib/ssh.js in the bundle. The real one loads ssh2 (with tweetnacl,
// bcrypt-pbkdf and asn1, about 330 KB: 43% of the bundle) at require time; only ssh:// engines use
// it, so it is a bundle of its own (dist/ssh.js, scripts/build.mjs) loaded on the first ssh connection.
module.exports = function ssh(options) {
  return require('./ssh.js')(options);
};
