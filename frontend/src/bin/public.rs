fn main() {
    hailong_frontend::public::mount();
}
